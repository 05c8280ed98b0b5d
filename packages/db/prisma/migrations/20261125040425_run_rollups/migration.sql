-- CreateTable
CREATE TABLE "run_rollups" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "role" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "complexity" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "actual_cost_micros" BIGINT NOT NULL DEFAULT 0,
    "baseline_cost_micros" BIGINT NOT NULL DEFAULT 0,
    "quality_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "quality_sq_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "quality_count" INTEGER NOT NULL DEFAULT 0,
    "approvals" INTEGER NOT NULL DEFAULT 0,
    "rejections" INTEGER NOT NULL DEFAULT 0,
    "review_score_sum" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "run_rollups_pkey" PRIMARY KEY ("tenant_id","day","role","model","complexity","reason","status")
);

-- CreateIndex
CREATE INDEX "run_rollups_day_idx" ON "run_rollups"("day");
