-- Router mode per tenant and role: "heuristic" (the default, the spec's rules alone) or "hybrid", where a small
-- model classifies the tasks the rules leave near a tier boundary. The run records which router decided, and
-- the classifier's call (tier, reason, cost, latency), in routing_signals under "router".
ALTER TABLE "agent_configs" ADD COLUMN "router_mode" TEXT NOT NULL DEFAULT 'heuristic';
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_router_mode_check"
  CHECK ("router_mode" IN ('heuristic', 'hybrid'));

-- What-if replay reads the close calls (runs whose routing signals name a tier boundary, classified or not) and
-- the runs a cascade gate scored, out of every run of a tenant: partial indexes keep those reads to the few rows
-- they need at a million runs.
-- Prisma's schema cannot express a partial index, so these live only here (as agent_runs_replay_idx does).
CREATE INDEX "agent_runs_close_call_idx" ON "agent_runs" ("tenant_id", "finished_at")
  WHERE "status" = 'succeeded' AND ("routing_signals" #> '{router,boundary}') IS NOT NULL;
CREATE INDEX "agent_runs_cascade_gate_idx" ON "agent_runs" ("tenant_id", "role")
  WHERE "status" = 'succeeded' AND ("cascade" -> 'gate') IS NOT NULL;
