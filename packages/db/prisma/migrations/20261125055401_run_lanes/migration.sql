-- AlterTable
ALTER TABLE "agent_runs" ADD COLUMN     "lane" TEXT NOT NULL DEFAULT 'standard';

-- CreateIndex
CREATE INDEX "agent_runs_lane_queued_at_idx" ON "agent_runs"("lane", "queued_at");

-- CreateIndex
CREATE INDEX "agent_runs_status_lane_queued_at_idx" ON "agent_runs"("status", "lane", "queued_at");

-- Lanes come from the queue registry, anything else is a bug
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_lane_check" CHECK ("lane" IN ('fast', 'standard', 'heavy'));
