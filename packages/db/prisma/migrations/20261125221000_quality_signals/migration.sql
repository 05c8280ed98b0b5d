-- Quality you can measure: where every run came from (real / simulated / synthetic), the
-- deterministic checks and the LLM judge kept apart, and review scores optional on approvals.
-- (No semicolons inside comments or strings here: the pg driver adapter splits scripts on them.)

CREATE TYPE "RunSource" AS ENUM ('real', 'simulated', 'synthetic');
CREATE TYPE "JudgeStatus" AS ENUM ('not_sampled', 'scored', 'failed', 'skipped');

ALTER TABLE "tenants" ADD COLUMN "judge_model" TEXT NOT NULL DEFAULT 'claude-haiku-4-5-20251001';

ALTER TABLE "agent_configs"
  ADD COLUMN "judge_mode" TEXT NOT NULL DEFAULT 'sample',
  ADD COLUMN "judge_sample_pct" INTEGER NOT NULL DEFAULT 20;
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_judge_mode_check" CHECK ("judge_mode" IN ('always', 'sample', 'off'));
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_judge_sample_pct_check" CHECK ("judge_sample_pct" BETWEEN 0 AND 100);

ALTER TABLE "agent_runs"
  ADD COLUMN "source" "RunSource",
  ADD COLUMN "continuations" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "judge_status" "JudgeStatus",
  ADD COLUMN "judge_score" DOUBLE PRECISION,
  ADD COLUMN "judge_scores" JSONB,
  ADD COLUMN "judge_model" TEXT,
  ADD COLUMN "judge_rubric_version" TEXT,
  ADD COLUMN "judge_cost_micros" BIGINT,
  ADD COLUMN "judge_input_tokens" INTEGER,
  ADD COLUMN "judge_output_tokens" INTEGER,
  ADD COLUMN "judge_error" TEXT;
ALTER TABLE "agent_runs" RENAME COLUMN "quality_score" TO "checks_score";
ALTER TABLE "content_items" RENAME COLUMN "quality_score" TO "checks_score";

-- Existing runs: the seeded history is synthetic, and a settled run recorded whether it was simulated.
-- Runs that ended without a call (refused, failed) recorded nothing: their configured adapter says,
-- and "auto" counts as real only where this database has seen real runs.
UPDATE "agent_runs" SET "source" = CASE
  WHEN "job_id" LIKE 'history/%' THEN 'synthetic'::"RunSource"
  WHEN "is_simulated" THEN 'simulated'::"RunSource"
  WHEN "is_simulated" = false THEN 'real'::"RunSource"
  WHEN "adapter" = 'anthropic' THEN 'real'::"RunSource"
  WHEN "adapter" = 'auto' AND EXISTS (SELECT 1 FROM "agent_runs" r WHERE r."is_simulated" = false) THEN 'real'::"RunSource"
  ELSE 'simulated'::"RunSource"
END
WHERE "status" <> 'queued' OR "attempts" > 0;
ALTER TABLE "agent_runs" DROP COLUMN "is_simulated";

ALTER TABLE "reviews" ALTER COLUMN "score" DROP NOT NULL;

-- The rollups gain the source in their key and keep the checks and the judge apart: rebuilt from the runs.
DROP TABLE "run_rollups";
CREATE TABLE "run_rollups" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "role" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "complexity" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL,
    "source" "RunSource" NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "actual_cost_micros" BIGINT NOT NULL DEFAULT 0,
    "baseline_cost_micros" BIGINT NOT NULL DEFAULT 0,
    "checks_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "checks_sq_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "checks_count" INTEGER NOT NULL DEFAULT 0,
    "judge_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "judge_sq_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "judge_count" INTEGER NOT NULL DEFAULT 0,
    "judge_failures" INTEGER NOT NULL DEFAULT 0,
    "judge_cost_micros" BIGINT NOT NULL DEFAULT 0,
    "approvals" INTEGER NOT NULL DEFAULT 0,
    "rejections" INTEGER NOT NULL DEFAULT 0,
    "review_score_sum" INTEGER NOT NULL DEFAULT 0,
    "review_score_count" INTEGER NOT NULL DEFAULT 0,
    "reviews_judged" INTEGER NOT NULL DEFAULT 0,
    "judge_agreements" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "run_rollups_pkey" PRIMARY KEY ("tenant_id", "day", "role", "model", "complexity", "reason", "status", "source")
);
CREATE INDEX "run_rollups_day_idx" ON "run_rollups"("day");

INSERT INTO "run_rollups" ("tenant_id", "day", "role", "model", "complexity", "reason", "status", "source", "runs",
  "actual_cost_micros", "baseline_cost_micros", "checks_sum", "checks_sq_sum", "checks_count", "approvals",
  "rejections", "review_score_sum", "review_score_count")
SELECT a."tenant_id", (a."finished_at" AT TIME ZONE 'UTC')::date, a."role", COALESCE(a."model_routed_to", ''),
  COALESCE(a."task_complexity"::text, ''), COALESCE(a."model_route_reason", ''), a."status", a."source", count(*),
  COALESCE(sum(a."actual_cost_micros"), 0), COALESCE(sum(a."baseline_cost_micros"), 0),
  COALESCE(sum(a."checks_score"), 0), COALESCE(sum(a."checks_score" * a."checks_score"), 0), count(a."checks_score"),
  COALESCE(sum(rv.approvals), 0), COALESCE(sum(rv.rejections), 0), COALESCE(sum(rv.score_sum), 0),
  COALESCE(sum(rv.scored), 0)
FROM "agent_runs" a
LEFT JOIN (
  SELECT c."run_id", count(*) FILTER (WHERE v."verdict" = 'approved') AS approvals,
    count(*) FILTER (WHERE v."verdict" = 'rejected') AS rejections, sum(v."score") AS score_sum, count(v."score") AS scored
  FROM "reviews" v JOIN "content_items" c ON c."id" = v."content_item_id" GROUP BY c."run_id"
) rv ON rv."run_id" = a."id"
WHERE a."finished_at" IS NOT NULL AND a."status" IN ('succeeded', 'failed', 'refused_credits')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
