import { sql } from "kysely";
import type { PrismaClient } from "../generated/prisma/client";
import { type SqlSource, toSql } from "../sql";
import { runQuery, typedSql } from "../typed-sql";

/**
 * A judge score at or above this (3 of 5 on average, rescaled to 0–1) counts as the judge
 * approving: agreement with people is the judge approving what they approved and failing what
 * they rejected.
 */
export const JUDGE_PASS_SCORE = 0.5;

/** Counts a human review against the rollup row of the run that wrote the content. */
export async function recordReviewRollup(
  db: SqlSource,
  runId: string,
  verdict: "approved" | "rejected",
  score: number | null,
): Promise<void> {
  const isApproved = verdict === "approved";
  await runQuery(
    toSql(db),
    typedSql
      .updateTable("run_rollups as r")
      .from("agent_runs as a")
      .set((eb) => ({
        approvals: eb("r.approvals", "+", isApproved ? 1 : 0),
        rejections: eb("r.rejections", "+", isApproved ? 0 : 1),
        review_score_sum: eb("r.review_score_sum", "+", score ?? 0),
        review_score_count: eb("r.review_score_count", "+", score === null ? 0 : 1),
        reviews_judged: sql<number>`r.reviews_judged + (a.judge_score IS NOT NULL)::int`,
        judge_agreements: sql<number>`r.judge_agreements
          + (a.judge_score IS NOT NULL AND (a.judge_score >= ${JUDGE_PASS_SCORE}) = ${isApproved})::int`,
      }))
      .where("a.id", "=", runId)
      .whereRef("r.tenant_id", "=", "a.tenant_id")
      .where(sql<boolean>`r.day = (a.finished_at AT TIME ZONE 'UTC')::date`)
      .whereRef("r.role", "=", "a.role")
      .where(sql<boolean>`r.model = COALESCE(a.model_routed_to, '')`)
      .where(sql<boolean>`r.complexity = COALESCE(a.task_complexity::text, '')`)
      .where(sql<boolean>`r.reason = COALESCE(a.model_route_reason, '')`)
      .whereRef("r.status", "=", "a.status")
      .whereRef("r.source", "=", "a.source"),
  );
}

/** Recomputes every rollup from the runs and reviews (after a bulk import, or to repair). */
export async function rebuildRollups(db: Pick<PrismaClient, "$executeRaw" | "$transaction">): Promise<void> {
  await db.$transaction([
    db.$executeRaw`TRUNCATE run_rollups`,
    db.$executeRaw`
      INSERT INTO run_rollups (tenant_id, day, role, model, complexity, reason, status, source, runs,
        actual_cost_micros, baseline_cost_micros, checks_sum, checks_sq_sum, checks_count, judge_sum, judge_sq_sum,
        judge_count, judge_failures, judge_cost_micros, approvals, rejections, review_score_sum, review_score_count,
        reviews_judged, judge_agreements, duplicates_checked, duplicates_regenerated, duplicates_flagged)
      SELECT a.tenant_id, (a.finished_at AT TIME ZONE 'UTC')::date, a.role, COALESCE(a.model_routed_to, ''),
        COALESCE(a.task_complexity::text, ''), COALESCE(a.model_route_reason, ''), a.status,
        COALESCE(a.source, 'simulated'), count(*), COALESCE(sum(a.actual_cost_micros), 0),
        COALESCE(sum(a.baseline_cost_micros), 0), COALESCE(sum(a.checks_score), 0),
        COALESCE(sum(a.checks_score * a.checks_score), 0), count(a.checks_score), COALESCE(sum(a.judge_score), 0),
        COALESCE(sum(a.judge_score * a.judge_score), 0), count(a.judge_score),
        count(*) FILTER (WHERE a.judge_status = 'failed'), COALESCE(sum(a.judge_cost_micros), 0),
        COALESCE(sum(rv.approvals), 0), COALESCE(sum(rv.rejections), 0), COALESCE(sum(rv.score_sum), 0),
        COALESCE(sum(rv.scored), 0), COALESCE(sum(rv.reviews) FILTER (WHERE a.judge_score IS NOT NULL), 0),
        COALESCE(sum(CASE WHEN a.judge_score >= ${JUDGE_PASS_SCORE} THEN rv.approvals ELSE rv.rejections END)
          FILTER (WHERE a.judge_score IS NOT NULL), 0),
        count(*) FILTER (WHERE a.duplicate_outcome IN ('clear', 'regenerated', 'flagged')),
        count(*) FILTER (WHERE a.duplicate_outcome = 'regenerated'),
        count(*) FILTER (WHERE a.duplicate_outcome = 'flagged')
      FROM agent_runs a
      LEFT JOIN (
        SELECT c.run_id, count(*) AS reviews, count(*) FILTER (WHERE v.verdict = 'approved') AS approvals,
          count(*) FILTER (WHERE v.verdict = 'rejected') AS rejections, sum(v.score) AS score_sum,
          count(v.score) AS scored
        FROM reviews v JOIN content_items c ON c.id = v.content_item_id GROUP BY c.run_id
      ) rv ON rv.run_id = a.id
      WHERE a.finished_at IS NOT NULL AND a.status IN ('succeeded', 'failed', 'refused_credits')
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ]);
}
