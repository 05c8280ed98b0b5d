import { Prisma, type PrismaClient } from "@switchyard/db";
import { ACTIVE_MODEL_IDS, getModel } from "../lib/model-catalog";
import type { TaskComplexity } from "../lib/model-router";
import type { ReplayGroup } from "./replay-groups";
import type { QualityCell } from "./replay-quality";

type Db = Pick<PrismaClient, "$queryRaw">;

export interface ReplayScope {
  tenantId: string;
  /** First and last UTC day included, as YYYY-MM-DD. */
  from: string;
  to: string;
  sources?: string[];
}

/** The catalog's cache minimums, largest first: the bands a cached prefix is sorted into. */
function cacheBand(): Prisma.Sql {
  const minimums = [...new Set(ACTIVE_MODEL_IDS.map((m) => getModel(m).minCacheableTokens))].sort((a, b) => b - a);
  const prefix = Prisma.sql`(COALESCE(cache_read_tokens, 0) + COALESCE(cache_write_tokens, 0))`;
  const whens = minimums.map((m) => Prisma.sql`WHEN ${prefix} >= ${m}::int THEN ${m}::int`);
  return Prisma.sql`CASE WHEN ${prefix} = 0 THEN 0 ${Prisma.join(whens, " ")} ELSE 1 END`;
}

/**
 * The tenant's succeeded runs that finished in the range (UTC days, as the analytics tab counts them),
 * grouped by everything a replay prices by, with token and cost sums: an index-only scan of
 * agent_runs_replay_idx (tenant, finished_at, covering every column read here, succeeded runs only).
 */
export async function loadReplayGroups(db: Db, scope: ReplayScope): Promise<ReplayGroup[]> {
  const start = new Date(`${scope.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${scope.to}T00:00:00Z`) + 86_400_000);
  const sources = scope.sources ? Prisma.sql`AND source::text = ANY(${scope.sources}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT role, task_complexity::text AS complexity, model AS floor, model_routed_to AS routed,
      COALESCE(model_route_reason IN ('credit_limit', 'provider_fallback'), false) AS is_forced,
      batch_saving_micros IS NOT NULL AS is_batch, revises_run_id IS NOT NULL AS is_revision,
      ${cacheBand()} AS cache_band, count(*)::int AS runs,
      sum(input_tokens)::bigint AS input, sum(output_tokens)::bigint AS output,
      COALESCE(sum(cache_read_tokens), 0)::bigint AS cache_read,
      COALESCE(sum(cache_write_tokens), 0)::bigint AS cache_write,
      COALESCE(sum(cache_write_1h_tokens), 0)::bigint AS cache_write_1h,
      COALESCE(sum(actual_cost_micros), 0)::bigint AS actual, COALESCE(sum(judge_cost_micros), 0)::bigint AS judge,
      COALESCE(sum(baseline_cost_micros), 0)::bigint AS baseline
    FROM agent_runs
    WHERE tenant_id = ${scope.tenantId}::uuid AND finished_at >= ${start} AND finished_at < ${end}
      AND status = 'succeeded' AND model_routed_to IS NOT NULL
      AND task_complexity IS NOT NULL AND input_tokens IS NOT NULL AND output_tokens IS NOT NULL ${sources}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
  return rows.map((r) => ({
    role: String(r.role),
    complexity: String(r.complexity) as TaskComplexity,
    floor: String(r.floor),
    routed: String(r.routed),
    isForced: r.is_forced === true,
    isBatch: r.is_batch === true,
    isRevision: r.is_revision === true,
    cacheBand: Number(r.cache_band),
    runs: Number(r.runs),
    inputTokens: big(r.input),
    outputTokens: big(r.output),
    cacheReadTokens: big(r.cache_read),
    cacheWriteTokens: big(r.cache_write),
    cacheWrite1hTokens: big(r.cache_write_1h),
    actualMicros: big(r.actual),
    judgeMicros: big(r.judge),
    baselineMicros: big(r.baseline),
  }));
}

/**
 * Judge scores and review verdicts of the tenant's succeeded runs per role × model × tier, from the
 * rollups and over the tenant's whole history: how good a model is at a tier is not a property of the
 * chosen dates, and more runs make a tighter estimate.
 */
export async function loadQualityCells(db: Db, scope: ReplayScope): Promise<QualityCell[]> {
  const sources = scope.sources ? Prisma.sql`AND source::text = ANY(${scope.sources}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT role, model, complexity, sum(judge_count)::bigint AS judge_count, sum(judge_sum) AS judge_sum,
      sum(judge_sq_sum) AS judge_sq_sum, sum(approvals)::bigint AS approvals, sum(rejections)::bigint AS rejections
    FROM run_rollups
    WHERE tenant_id = ${scope.tenantId}::uuid AND status = 'succeeded' AND model <> '' ${sources}
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({
    role: String(r.role),
    model: String(r.model),
    complexity: String(r.complexity),
    judgeCount: Number(r.judge_count),
    judgeSum: Number(r.judge_sum),
    judgeSqSum: Number(r.judge_sq_sum),
    approvals: Number(r.approvals),
    rejections: Number(r.rejections),
  }));
}

const big = (v: unknown): bigint =>
  typeof v === "bigint" ? v : typeof v === "number" || typeof v === "string" ? BigInt(v) : 0n;
