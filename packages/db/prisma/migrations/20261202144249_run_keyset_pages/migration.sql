-- Keyset paging of runs by (queued_at, id): the API's GET /api/v1/runs and the runs tab.
-- Each index replaces one that was a prefix of it, so a write maintains one more index than before
-- (the operators' every-tenant order).
DROP INDEX "agent_runs_tenant_id_queued_at_idx";
DROP INDEX "agent_runs_tenant_id_status_idx";
DROP INDEX "agent_runs_tenant_id_role_queued_at_idx";

CREATE INDEX "agent_runs_tenant_id_queued_at_id_idx" ON "agent_runs"("tenant_id", "queued_at", "id");
CREATE INDEX "agent_runs_tenant_id_status_queued_at_id_idx" ON "agent_runs"("tenant_id", "status", "queued_at", "id");
CREATE INDEX "agent_runs_tenant_id_role_queued_at_id_idx" ON "agent_runs"("tenant_id", "role", "queued_at", "id");
CREATE INDEX "agent_runs_queued_at_id_idx" ON "agent_runs"("queued_at", "id");
