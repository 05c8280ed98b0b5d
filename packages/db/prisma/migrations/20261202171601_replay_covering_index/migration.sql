-- What-if replay reads one tenant's succeeded runs in a range of finished_at with their token and cost
-- columns. Covering them (INCLUDE) and only succeeded runs (partial) makes that an index-only scan: at 1M
-- runs the heap reads of the (tenant_id, queued_at) index were most of a second per replay.
-- Prisma's schema cannot express INCLUDE or a partial index, so this index lives only here (schema.prisma
-- says so on AgentRun): a migration Prisma generates that drops it must be edited to keep it.
CREATE INDEX "agent_runs_replay_idx" ON "agent_runs" ("tenant_id", "finished_at")
  INCLUDE ("role", "task_complexity", "model", "model_routed_to", "model_route_reason", "batch_saving_micros",
    "revises_run_id", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
    "cache_write_1h_tokens", "actual_cost_micros", "judge_cost_micros", "baseline_cost_micros", "source")
  WHERE "status" = 'succeeded';
