import type { PrismaClient } from "../generated/prisma/client";
import { prepared, type Sql } from "../sql";

type SqlClient = Pick<PrismaClient, "$executeRaw">;

/**
 * The upsert that counts finished runs in their rollup rows, read from `source`: any
 * row set shaped like agent_runs — the table itself, or the RETURNING * of the very
 * UPDATE that makes a run final, so settlement counts the run in the same statement.
 */
export function runRollupUpsert(source: string): string {
  return `INSERT INTO run_rollups AS r (tenant_id, day, role, model, complexity, reason, status, runs,
       actual_cost_micros, baseline_cost_micros, quality_sum, quality_sq_sum, quality_count)
     SELECT tenant_id, (finished_at AT TIME ZONE 'UTC')::date, role, COALESCE(model_routed_to, ''),
       COALESCE(task_complexity::text, ''), COALESCE(model_route_reason, ''), status, 1,
       COALESCE(actual_cost_micros, 0), COALESCE(baseline_cost_micros, 0),
       COALESCE(quality_score, 0), COALESCE(quality_score * quality_score, 0), (quality_score IS NOT NULL)::int
     FROM ${source}
     WHERE finished_at IS NOT NULL AND status IN ('succeeded', 'failed', 'refused_credits')
     ON CONFLICT (tenant_id, day, role, model, complexity, reason, status) DO UPDATE SET
       runs = r.runs + 1,
       actual_cost_micros = r.actual_cost_micros + EXCLUDED.actual_cost_micros,
       baseline_cost_micros = r.baseline_cost_micros + EXCLUDED.baseline_cost_micros,
       quality_sum = r.quality_sum + EXCLUDED.quality_sum,
       quality_sq_sum = r.quality_sq_sum + EXCLUDED.quality_sq_sum,
       quality_count = r.quality_count + EXCLUDED.quality_count`;
}

const RECORD_RUN_ROLLUP = prepared(
  "record-run-rollup",
  runRollupUpsert("(SELECT * FROM agent_runs WHERE id = $1::uuid) AS run"),
);

/**
 * Adds one finished run to its rollup row. Call it once, in the transaction that
 * makes the run final (failed or refused; settlement counts successes itself); the
 * run row supplies every figure, so the rollup cannot disagree with it.
 */
export async function recordRunRollup(sql: Sql, runId: string): Promise<void> {
  await sql.query(RECORD_RUN_ROLLUP, [runId]);
}

/** Counts a human review against the rollup row of the run that wrote the content. */
export async function recordReviewRollup(
  db: SqlClient,
  runId: string,
  verdict: "approved" | "rejected",
  score: number,
): Promise<void> {
  const isApproved = verdict === "approved";
  await db.$executeRaw`
    UPDATE run_rollups AS r SET
      approvals = r.approvals + ${isApproved ? 1 : 0}::int,
      rejections = r.rejections + ${isApproved ? 0 : 1}::int,
      review_score_sum = r.review_score_sum + ${score}::int
    FROM agent_runs a
    WHERE a.id = ${runId}::uuid AND r.tenant_id = a.tenant_id AND r.day = (a.finished_at AT TIME ZONE 'UTC')::date
      AND r.role = a.role AND r.model = COALESCE(a.model_routed_to, '')
      AND r.complexity = COALESCE(a.task_complexity::text, '')
      AND r.reason = COALESCE(a.model_route_reason, '') AND r.status = a.status`;
}

/** Recomputes every rollup from the runs and reviews (after a bulk import, or to repair). */
export async function rebuildRollups(db: Pick<PrismaClient, "$executeRaw" | "$transaction">): Promise<void> {
  await db.$transaction([
    db.$executeRaw`TRUNCATE run_rollups`,
    db.$executeRaw`
      INSERT INTO run_rollups (tenant_id, day, role, model, complexity, reason, status, runs, actual_cost_micros,
        baseline_cost_micros, quality_sum, quality_sq_sum, quality_count, approvals, rejections, review_score_sum)
      SELECT a.tenant_id, (a.finished_at AT TIME ZONE 'UTC')::date, a.role, COALESCE(a.model_routed_to, ''),
        COALESCE(a.task_complexity::text, ''), COALESCE(a.model_route_reason, ''), a.status, count(*),
        COALESCE(sum(a.actual_cost_micros), 0), COALESCE(sum(a.baseline_cost_micros), 0),
        COALESCE(sum(a.quality_score), 0), COALESCE(sum(a.quality_score * a.quality_score), 0), count(a.quality_score),
        COALESCE(sum(rv.approvals), 0), COALESCE(sum(rv.rejections), 0), COALESCE(sum(rv.score_sum), 0)
      FROM agent_runs a
      LEFT JOIN (
        SELECT c.run_id, count(*) FILTER (WHERE v.verdict = 'approved') AS approvals,
          count(*) FILTER (WHERE v.verdict = 'rejected') AS rejections, sum(v.score) AS score_sum
        FROM reviews v JOIN content_items c ON c.id = v.content_item_id GROUP BY c.run_id
      ) rv ON rv.run_id = a.id
      WHERE a.finished_at IS NOT NULL AND a.status IN ('succeeded', 'failed', 'refused_credits')
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ]);
}
