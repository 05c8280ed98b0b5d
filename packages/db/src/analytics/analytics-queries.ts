import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { AnalyticsData, AnalyticsFilters } from "./analytics-types";

type Db = Pick<PrismaClient, "$queryRaw">;

/**
 * Every figure of the analytics tab, read from run_rollups. `source` switches the
 * same questions to the raw agent_runs table: the drift test and the benchmark
 * compare the two, so the fast path is proven to answer exactly what the slow one does.
 */
export async function loadAnalytics(
  db: Db,
  filters: AnalyticsFilters,
  source: "rollups" | "runs" = "rollups",
): Promise<AnalyticsData> {
  const q = source === "rollups" ? rollupSql(filters) : runsSql(filters);
  const [statusTotals, modelByRole, complexityByRole, costByDay, costByModel, qualityByModelTier, reasonsByDay] =
    await Promise.all([
      db.$queryRaw<
        Row[]
      >`SELECT status::text AS status, ${q.runs} AS runs FROM ${q.from} WHERE ${q.where} GROUP BY 1 ORDER BY 1`,
      db.$queryRaw<
        Row[]
      >`SELECT role, ${q.model} AS model, ${q.runs} AS runs FROM ${q.from} WHERE ${q.where} AND status = 'succeeded'
        GROUP BY 1, 2 ORDER BY 1, 2`,
      db.$queryRaw<Row[]>`SELECT role, ${q.complexity} AS complexity, ${q.runs} AS runs FROM ${q.from}
        WHERE ${q.where} AND ${q.complexity} <> '' GROUP BY 1, 2 ORDER BY 1, 2`,
      db.$queryRaw<
        Row[]
      >`SELECT to_char(${q.day}, 'YYYY-MM-DD') AS day, ${q.actual} AS "actualMicros", ${q.baseline} AS "baselineMicros"
      FROM ${q.from} WHERE ${q.where} AND status = 'succeeded' GROUP BY 1 ORDER BY 1`,
      db.$queryRaw<
        Row[]
      >`SELECT ${q.model} AS model, ${q.runs} AS runs, ${q.actual} AS "actualMicros", ${q.baseline} AS "baselineMicros"
      FROM ${q.from} WHERE ${q.where} AND status = 'succeeded' GROUP BY 1 ORDER BY 1`,
      db.$queryRaw<
        Row[]
      >`SELECT ${q.model} AS model, ${q.complexity} AS complexity, ${q.runs} AS runs, ${q.qualitySum} AS "qualitySum",
      ${q.qualitySqSum} AS "qualitySqSum", ${q.qualityCount} AS "qualityCount", ${q.approvals} AS approvals,
      ${q.rejections} AS rejections
      FROM ${q.from} ${q.reviewJoin} WHERE ${q.where} AND status = 'succeeded' GROUP BY 1, 2 ORDER BY 1, 2`,
      db.$queryRaw<Row[]>`SELECT to_char(${q.day}, 'YYYY-MM-DD') AS day,
      CASE WHEN status = 'refused_credits' THEN 'refused' WHEN status = 'failed' THEN 'failed'
           ELSE split_part(${q.reason}, ':', 1) END AS reason, ${q.runs} AS runs
      FROM ${q.from} WHERE ${q.where} GROUP BY 1, 2 ORDER BY 1, 2`,
    ]);
  return {
    statusTotals: statusTotals.map((r) => ({ status: String(r.status), runs: num(r.runs) })),
    modelByRole: modelByRole.map((r) => ({ role: String(r.role), model: String(r.model), runs: num(r.runs) })),
    complexityByRole: complexityByRole.map((r) => ({
      role: String(r.role),
      complexity: String(r.complexity),
      runs: num(r.runs),
    })),
    costByDay: costByDay.map((r) => ({
      day: String(r.day),
      actualMicros: num(r.actualMicros),
      baselineMicros: num(r.baselineMicros),
    })),
    costByModel: costByModel.map((r) => ({
      model: String(r.model),
      runs: num(r.runs),
      actualMicros: num(r.actualMicros),
      baselineMicros: num(r.baselineMicros),
    })),
    qualityByModelTier: qualityByModelTier.map((r) => ({
      model: String(r.model),
      complexity: String(r.complexity),
      runs: num(r.runs),
      qualitySum: round(num(r.qualitySum)),
      qualitySqSum: round(num(r.qualitySqSum)),
      qualityCount: num(r.qualityCount),
      approvals: num(r.approvals),
      rejections: num(r.rejections),
    })),
    reasonsByDay: reasonsByDay.map((r) => ({ day: String(r.day), reason: String(r.reason), runs: num(r.runs) })),
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
/** Float sums differ in the last bits with summation order; 1e-9 is far below any shown figure. */
const round = (v: number) => Math.round(v * 1e9) / 1e9;

function rollupSql(f: AnalyticsFilters) {
  return {
    from: Prisma.sql`run_rollups`,
    reviewJoin: Prisma.empty,
    where: Prisma.sql`day BETWEEN ${f.from}::date AND ${f.to}::date
      ${f.role ? Prisma.sql`AND role = ${f.role}` : Prisma.empty}
      ${f.tenantIds ? Prisma.sql`AND tenant_id = ANY(${f.tenantIds}::uuid[])` : Prisma.empty}`,
    day: Prisma.sql`day`,
    runs: Prisma.sql`sum(runs)::bigint`,
    model: Prisma.sql`model`,
    complexity: Prisma.sql`complexity`,
    reason: Prisma.sql`reason`,
    actual: Prisma.sql`sum(actual_cost_micros)::bigint`,
    baseline: Prisma.sql`sum(baseline_cost_micros)::bigint`,
    qualitySum: Prisma.sql`sum(quality_sum)`,
    qualitySqSum: Prisma.sql`sum(quality_sq_sum)`,
    qualityCount: Prisma.sql`sum(quality_count)::bigint`,
    approvals: Prisma.sql`sum(approvals)::bigint`,
    rejections: Prisma.sql`sum(rejections)::bigint`,
  };
}

function runsSql(f: AnalyticsFilters) {
  const day = Prisma.sql`(finished_at AT TIME ZONE 'UTC')::date`;
  return {
    from: Prisma.sql`agent_runs`,
    reviewJoin: Prisma.sql`LEFT JOIN (
      SELECT c.run_id, count(*) FILTER (WHERE v.verdict = 'approved') AS a,
        count(*) FILTER (WHERE v.verdict = 'rejected') AS r
      FROM reviews v JOIN content_items c ON c.id = v.content_item_id GROUP BY c.run_id
    ) rv ON rv.run_id = agent_runs.id`,
    where: Prisma.sql`finished_at IS NOT NULL AND status IN ('succeeded', 'failed', 'refused_credits')
      AND ${day} BETWEEN ${f.from}::date AND ${f.to}::date ${f.role ? Prisma.sql`AND role = ${f.role}` : Prisma.empty}
      ${f.tenantIds ? Prisma.sql`AND tenant_id = ANY(${f.tenantIds}::uuid[])` : Prisma.empty}`,
    day,
    runs: Prisma.sql`count(*)::bigint`,
    model: Prisma.sql`COALESCE(model_routed_to, '')`,
    complexity: Prisma.sql`COALESCE(task_complexity::text, '')`,
    reason: Prisma.sql`COALESCE(model_route_reason, '')`,
    actual: Prisma.sql`COALESCE(sum(actual_cost_micros), 0)::bigint`,
    baseline: Prisma.sql`COALESCE(sum(baseline_cost_micros), 0)::bigint`,
    qualitySum: Prisma.sql`COALESCE(sum(quality_score), 0)`,
    qualitySqSum: Prisma.sql`COALESCE(sum(quality_score * quality_score), 0)`,
    qualityCount: Prisma.sql`count(quality_score)::bigint`,
    approvals: Prisma.sql`COALESCE(sum(rv.a), 0)::bigint`,
    rejections: Prisma.sql`COALESCE(sum(rv.r), 0)::bigint`,
  };
}
