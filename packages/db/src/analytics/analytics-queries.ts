import { JUDGE_PASS_SCORE } from "./rollup-writes";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { RunSource } from "../generated/prisma/enums";
import type { AnalyticsData, AnalyticsFilters, ScoreSums } from "./analytics-types";

type Db = Pick<PrismaClient, "$queryRaw">;
type Row = Record<string, unknown>;

/**
 * Every figure of the analytics tab, read from run_rollups. `from` switches the same
 * questions to the raw agent_runs table: the drift test and the benchmark compare the two,
 * so the fast path is proven to answer exactly what the slow one does.
 */
export async function loadAnalytics(
  db: Db,
  filters: AnalyticsFilters,
  from: "rollups" | "runs" = "rollups",
): Promise<AnalyticsData> {
  const q = from === "rollups" ? rollupSql(filters) : runsSql(filters);
  const succeeded = Prisma.sql`${q.where} AND status = 'succeeded'`;
  const [
    sources,
    statusTotals,
    modelByRole,
    complexityByRole,
    costByDay,
    costByModel,
    costByTenant,
    quality,
    agreement,
    reasons,
    duplicates,
    cascade,
  ] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT source::text AS source, ${q.runs} AS runs FROM ${q.from}
        WHERE ${q.whereAnySource} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT status::text AS status, ${q.runs} AS runs FROM ${q.from} WHERE ${q.where}
        GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT role, ${q.model} AS model, ${q.runs} AS runs FROM ${q.from} WHERE ${succeeded}
        GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT role, ${q.complexity} AS complexity, ${q.runs} AS runs FROM ${q.from}
        WHERE ${q.where} AND ${q.complexity} <> '' GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT to_char(${q.day}, 'YYYY-MM-DD') AS day, ${q.actual} AS actual,
        ${q.baseline} AS baseline, ${q.judgeCost} AS judge
        FROM ${q.from} WHERE ${succeeded} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT ${q.model} AS model, ${q.runs} AS runs, ${q.actual} AS actual,
        ${q.baseline} AS baseline, ${q.judgeCost} AS judge, ${q.cache}
        FROM ${q.from} WHERE ${succeeded} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT tenant_id::text AS tenant, ${q.runs} AS runs, ${q.actual} AS actual,
        ${q.baseline} AS baseline, ${q.judgeCost} AS judge, ${q.cache}
        FROM ${q.from} WHERE ${succeeded} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT ${q.model} AS model, ${q.complexity} AS complexity, ${q.runs} AS runs, ${q.quality},
        ${q.reviews} FROM ${q.from} ${q.reviewJoin} WHERE ${succeeded} GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT role, ${q.model} AS model, ${q.agreement} FROM ${q.from} ${q.reviewJoin}
        WHERE ${succeeded} GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT to_char(${q.day}, 'YYYY-MM-DD') AS day,
        CASE WHEN status = 'refused_credits' THEN 'refused' WHEN status = 'failed' THEN 'failed'
             ELSE split_part(${q.reason}, ':', 1) END AS reason, ${q.runs} AS runs
        FROM ${q.from} WHERE ${q.where} GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<Row[]>`SELECT role, ${q.duplicates} FROM ${q.from} WHERE ${succeeded} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Row[]>`SELECT role, ${q.reason} AS reason, ${q.runs} AS runs, ${q.actual} AS actual,
        ${q.baseline} AS baseline, ${q.judgeCost} AS judge
        FROM ${q.from} WHERE ${succeeded} AND ${q.reason} IN ('cascade_accepted', 'cascade_escalated')
        GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return {
    sources: sources.map((r) => ({ source: String(r.source) as RunSource, runs: num(r.runs) })),
    statusTotals: statusTotals.map((r) => ({ status: String(r.status), runs: num(r.runs) })),
    modelByRole: modelByRole.map((r) => ({ role: String(r.role), model: String(r.model), runs: num(r.runs) })),
    complexityByRole: complexityByRole.map((r) => ({
      role: String(r.role),
      complexity: String(r.complexity),
      runs: num(r.runs),
    })),
    costByDay: costByDay.map((r) => ({
      day: String(r.day),
      actualMicros: num(r.actual),
      baselineMicros: num(r.baseline),
      judgeMicros: num(r.judge),
    })),
    costByModel: costByModel.map((r) => ({ model: String(r.model), ...costs(r) })),
    costByTenant: costByTenant.map((r) => ({ tenantId: String(r.tenant), ...costs(r) })),
    qualityByModelTier: quality.map((r) => ({
      model: String(r.model),
      complexity: String(r.complexity),
      runs: num(r.runs),
      checks: sums(r, "checks"),
      judge: sums(r, "judge"),
      judgeFailures: num(r.judge_failures),
      approvals: num(r.approvals),
      rejections: num(r.rejections),
    })),
    judgeAgreement: agreement
      .map((r) => ({
        role: String(r.role),
        model: String(r.model),
        reviewsJudged: num(r.reviews_judged),
        agreements: num(r.judge_agreements),
      }))
      .filter((r) => r.reviewsJudged > 0),
    reasonsByDay: reasons.map((r) => ({ day: String(r.day), reason: String(r.reason), runs: num(r.runs) })),
    duplicatesByRole: duplicates
      .map((r) => ({
        role: String(r.role),
        checked: num(r.checked),
        regenerated: num(r.regenerated),
        flagged: num(r.flagged),
      }))
      .filter((r) => r.checked > 0),
    cascadeByRole: cascadeRoles(cascade),
  };
}

const num = (v: unknown) => Number(v ?? 0);

/** Accepted and escalated rows of a role folded into one, in role order. */
function cascadeRoles(rows: Row[]): AnalyticsData["cascadeByRole"] {
  const byRole = new Map<string, AnalyticsData["cascadeByRole"][number]>();
  for (const r of rows) {
    const role = String(r.role);
    const entry = byRole.get(role) ?? {
      role,
      accepted: 0,
      escalated: 0,
      actualMicros: 0,
      baselineMicros: 0,
      judgeMicros: 0,
    };
    if (r.reason === "cascade_accepted") entry.accepted += num(r.runs);
    else entry.escalated += num(r.runs);
    entry.actualMicros += num(r.actual);
    entry.baselineMicros += num(r.baseline);
    entry.judgeMicros += num(r.judge);
    byRole.set(role, entry);
  }
  return [...byRole.values()];
}
const costs = (r: Row) => ({
  runs: num(r.runs),
  actualMicros: num(r.actual),
  baselineMicros: num(r.baseline),
  judgeMicros: num(r.judge),
  cacheReadTokens: num(r.cache_read),
  cacheWriteTokens: num(r.cache_write),
  cacheSavingMicros: num(r.cache_saving),
  batchSavingMicros: num(r.batch_saving),
});
/** Float sums differ in the last bits with summation order; 1e-9 is far below any shown figure. */
const round = (v: number) => Math.round(v * 1e9) / 1e9;
const sums = (r: Row, name: "checks" | "judge"): ScoreSums => ({
  count: num(r[`${name}_count`]),
  sum: round(num(r[`${name}_sum`])),
  sumOfSquares: round(num(r[`${name}_sq_sum`])),
});

function scope(f: AnalyticsFilters, day: Prisma.Sql) {
  const role = f.role ? Prisma.sql`AND role = ${f.role}` : Prisma.empty;
  const tenants = f.tenantIds ? Prisma.sql`AND tenant_id = ANY(${f.tenantIds}::uuid[])` : Prisma.empty;
  const anySource = Prisma.sql`${day} BETWEEN ${f.from}::date AND ${f.to}::date ${role} ${tenants}`;
  const sources = f.sources ? Prisma.sql`AND source = ANY(${f.sources}::"RunSource"[])` : Prisma.empty;
  return { anySource, withSource: Prisma.sql`${anySource} ${sources}` };
}

function rollupSql(f: AnalyticsFilters) {
  const { anySource, withSource } = scope(f, Prisma.sql`day`);
  return {
    from: Prisma.sql`run_rollups`,
    reviewJoin: Prisma.empty,
    whereAnySource: anySource,
    where: withSource,
    day: Prisma.sql`day`,
    runs: Prisma.sql`sum(runs)::bigint`,
    model: Prisma.sql`model`,
    complexity: Prisma.sql`complexity`,
    reason: Prisma.sql`reason`,
    actual: Prisma.sql`sum(actual_cost_micros)::bigint`,
    baseline: Prisma.sql`sum(baseline_cost_micros)::bigint`,
    judgeCost: Prisma.sql`sum(judge_cost_micros)::bigint`,
    cache: Prisma.sql`sum(cache_read_tokens)::bigint AS cache_read, sum(cache_write_tokens)::bigint AS cache_write,
      sum(cache_saving_micros)::bigint AS cache_saving, sum(batch_saving_micros)::bigint AS batch_saving`,
    quality: Prisma.sql`sum(checks_count)::bigint AS checks_count, sum(checks_sum) AS checks_sum,
      sum(checks_sq_sum) AS checks_sq_sum, sum(judge_count)::bigint AS judge_count, sum(judge_sum) AS judge_sum,
      sum(judge_sq_sum) AS judge_sq_sum, sum(judge_failures)::bigint AS judge_failures`,
    reviews: Prisma.sql`sum(approvals)::bigint AS approvals, sum(rejections)::bigint AS rejections`,
    agreement: Prisma.sql`sum(reviews_judged)::bigint AS reviews_judged,
      sum(judge_agreements)::bigint AS judge_agreements`,
    duplicates: Prisma.sql`sum(duplicates_checked)::bigint AS checked,
      sum(duplicates_regenerated)::bigint AS regenerated, sum(duplicates_flagged)::bigint AS flagged`,
  };
}

function runsSql(f: AnalyticsFilters) {
  const day = Prisma.sql`(finished_at AT TIME ZONE 'UTC')::date`;
  const final = Prisma.sql`finished_at IS NOT NULL AND status IN ('succeeded', 'failed', 'refused_credits')`;
  const { anySource, withSource } = scope(f, day);
  return {
    from: Prisma.sql`agent_runs`,
    reviewJoin: Prisma.sql`LEFT JOIN (
      SELECT c.run_id, count(*) AS n, count(*) FILTER (WHERE v.verdict = 'approved') AS a,
        count(*) FILTER (WHERE v.verdict = 'rejected') AS r
      FROM reviews v JOIN content_items c ON c.id = v.content_item_id GROUP BY c.run_id
    ) rv ON rv.run_id = agent_runs.id`,
    whereAnySource: Prisma.sql`${final} AND ${anySource}`,
    where: Prisma.sql`${final} AND ${withSource}`,
    day,
    runs: Prisma.sql`count(*)::bigint`,
    model: Prisma.sql`COALESCE(model_routed_to, '')`,
    complexity: Prisma.sql`COALESCE(task_complexity::text, '')`,
    reason: Prisma.sql`COALESCE(model_route_reason, '')`,
    actual: Prisma.sql`COALESCE(sum(actual_cost_micros), 0)::bigint`,
    baseline: Prisma.sql`COALESCE(sum(baseline_cost_micros), 0)::bigint`,
    judgeCost: Prisma.sql`COALESCE(sum(judge_cost_micros), 0)::bigint`,
    cache: Prisma.sql`COALESCE(sum(cache_read_tokens), 0)::bigint AS cache_read,
      COALESCE(sum(cache_write_tokens), 0)::bigint AS cache_write,
      COALESCE(sum(cache_saving_micros), 0)::bigint AS cache_saving,
      COALESCE(sum(batch_saving_micros), 0)::bigint AS batch_saving`,
    quality: Prisma.sql`count(checks_score)::bigint AS checks_count, COALESCE(sum(checks_score), 0) AS checks_sum,
      COALESCE(sum(checks_score * checks_score), 0) AS checks_sq_sum, count(judge_score)::bigint AS judge_count,
      COALESCE(sum(judge_score), 0) AS judge_sum, COALESCE(sum(judge_score * judge_score), 0) AS judge_sq_sum,
      count(*) FILTER (WHERE judge_status = 'failed')::bigint AS judge_failures`,
    reviews: Prisma.sql`COALESCE(sum(rv.a), 0)::bigint AS approvals, COALESCE(sum(rv.r), 0)::bigint AS rejections`,
    agreement: Prisma.sql`COALESCE(sum(rv.n) FILTER (WHERE judge_score IS NOT NULL), 0)::bigint AS reviews_judged,
      COALESCE(sum(CASE WHEN judge_score >= ${JUDGE_PASS_SCORE} THEN rv.a ELSE rv.r END)
        FILTER (WHERE judge_score IS NOT NULL), 0)::bigint AS judge_agreements`,
    duplicates: Prisma.sql`count(*) FILTER (WHERE duplicate_outcome IN ('clear', 'regenerated', 'flagged'))::bigint
      AS checked, count(*) FILTER (WHERE duplicate_outcome = 'regenerated')::bigint AS regenerated,
      count(*) FILTER (WHERE duplicate_outcome = 'flagged')::bigint AS flagged`,
  };
}
