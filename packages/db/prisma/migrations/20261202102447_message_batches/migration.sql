-- Message Batches for work that can wait (half price, results within 24 hours).
-- A role may wait for a batch by default. A run may name the latest time it needs its result, records the
-- batch it was gathered into and what the batch discount saved. A batch is written as an intent with its run
-- ids before the provider is asked to create it, so a crash between the two is reconciled on start.
ALTER TABLE "agent_configs" ADD COLUMN "is_batch_by_default" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "agent_runs" ADD COLUMN "deliver_by" TIMESTAMP(3),
  ADD COLUMN "batch_id" UUID,
  ADD COLUMN "batch_saving_micros" BIGINT;

ALTER TABLE "run_rollups" ADD COLUMN "batch_saving_micros" BIGINT NOT NULL DEFAULT 0;

CREATE TABLE "message_batches" (
    "id" UUID NOT NULL,
    "provider_batch_id" TEXT,
    "adapter" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'intent',
    "run_ids" UUID[],
    "polls" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMP(3),
    "next_poll_at" TIMESTAMP(3),
    "lease_until" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "message_batches_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "message_batches_provider_batch_id_key" ON "message_batches"("provider_batch_id");

CREATE INDEX "message_batches_status_next_poll_at_idx" ON "message_batches"("status", "next_poll_at");

CREATE INDEX "agent_runs_batch_id_idx" ON "agent_runs"("batch_id");

ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "message_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Statuses and lanes come from code, anything else is a bug
ALTER TABLE "message_batches" ADD CONSTRAINT "message_batches_status_check"
  CHECK ("status" IN ('intent', 'submitted', 'ended', 'abandoned'));
ALTER TABLE "agent_runs" DROP CONSTRAINT "agent_runs_lane_check";
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_lane_check" CHECK ("lane" IN ('fast', 'standard', 'heavy', 'batch'));
