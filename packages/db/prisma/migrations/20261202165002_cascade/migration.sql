-- The quality-gated cascade (opt-in per tenant and role): a job is first written by the next model down from
-- the routed one (never below the floor), the draft goes through the gate (the deterministic checks and the
-- judge, both at or above the role's threshold on a 0-1 scale), and is kept, or the routed model writes it
-- once more. The run records the cascade (outcome, the cheaper call, the gate's scores) in agent_runs.cascade
-- and its reason as cascade_accepted or cascade_escalated.
ALTER TABLE "agent_configs" ADD COLUMN "cascade_enabled" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "cascade_threshold" DOUBLE PRECISION NOT NULL DEFAULT 0.75;
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_cascade_threshold_check"
  CHECK ("cascade_threshold" >= 0 AND "cascade_threshold" <= 1);

ALTER TABLE "agent_runs" ADD COLUMN "cascade" JSONB;
