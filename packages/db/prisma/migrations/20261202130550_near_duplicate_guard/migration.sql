-- The near-duplicate guard. After a generation the worker compares the draft with the tenant's approved and
-- published pieces of the same kind written in the role's window (duplicate_window_days, 0 turns it off).
-- A run records the outcome (clear, regenerated, flagged, or unchecked when no comparison could be made),
-- the closest piece to the draft it kept, that piece's similarity, the threshold it was held to, and the
-- provider and model that scored it. Dense vectors from SIE are kept on the content row they describe,
-- computed once per piece and model. Rollups count the drafts checked and the duplicates caught per role.
ALTER TABLE "agent_configs" ADD COLUMN "duplicate_window_days" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_duplicate_window_days_check"
  CHECK ("duplicate_window_days" BETWEEN 0 AND 365);

ALTER TABLE "agent_runs" ADD COLUMN "duplicate_outcome" TEXT,
  ADD COLUMN "duplicate_content_id" UUID,
  ADD COLUMN "duplicate_similarity" DOUBLE PRECISION,
  ADD COLUMN "duplicate_threshold" DOUBLE PRECISION,
  ADD COLUMN "duplicate_provider" TEXT,
  ADD COLUMN "duplicate_model" TEXT,
  ADD COLUMN "duplicate_checks" JSONB;
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_duplicate_outcome_check"
  CHECK ("duplicate_outcome" IN ('clear', 'regenerated', 'flagged', 'unchecked'));
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_duplicate_content_id_fkey" FOREIGN KEY ("duplicate_content_id")
  REFERENCES "content_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "agent_runs_duplicate_content_id_idx" ON "agent_runs"("duplicate_content_id");

ALTER TABLE "content_items" ADD COLUMN "embedding" REAL[],
  ADD COLUMN "embedding_model" TEXT;
CREATE INDEX "content_items_tenant_id_kind_created_at_idx" ON "content_items"("tenant_id", "kind", "created_at");

ALTER TABLE "run_rollups" ADD COLUMN "duplicates_checked" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "duplicates_regenerated" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "duplicates_flagged" INTEGER NOT NULL DEFAULT 0;
