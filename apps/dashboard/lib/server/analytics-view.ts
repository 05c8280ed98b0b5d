import "server-only";
import { TASK_COMPLEXITIES } from "@switchyard/agents";
import { type AnalyticsData, type CostFigures, loadAnalytics } from "@switchyard/db";
import { chooseSourceFilter, shownSources, sourcesOf } from "../view/analytics-sources";
import { agreementRows, costTotals, type QualityRow, qualityRows, tierCorrelations } from "../view/analytics-stats";
import { scopedTenantIds, type Viewer } from "./auth";
import { dateRange, type PageFilters } from "./page-filters";
import { db } from "./services";
import { shortModel } from "../view/format";

/**
 * The analytics of the viewer's tenants (or the one tenant the filter names) over the filtered
 * range, for the source filter asked for, or else real runs when the range has any and every
 * source when it has none (a second read only in that case).
 */
export async function loadAnalyticsFor(viewer: Viewer, filters: PageFilters) {
  const base = { ...dateRange(filters), role: filters.role, tenantIds: scopedTenantIds(viewer, filters.tenant) };
  const first = filters.source ?? "real";
  let data = await loadAnalytics(db(), { ...base, sources: sourcesOf(first) });
  const source = chooseSourceFilter(filters.source, data.sources);
  if (source !== first) data = await loadAnalytics(db(), { ...base, sources: sourcesOf(source) });
  const tenants = await db().tenant.findMany({
    where: { id: { in: data.costByTenant.map((t) => t.tenantId) } },
    select: { id: true, name: true },
  });
  const tenantNames = new Map(tenants.map((t) => [t.id, t.name]));
  return {
    data,
    source,
    isSourceDefault: !filters.source,
    shown: shownSources(source, data.sources),
    tenantNames,
  };
}
export type LoadedAnalytics = Awaited<ReturnType<typeof loadAnalyticsFor>>;

export type PivotRow = { key: string } & Record<string, number | string>;
/** A chart row whose `<series> ci` entries are an interval's extent below and above the mean. */
export type MeanRow = { key: string } & Record<string, number | string | [number, number]>;

/** Rows of `key` with one numeric column per series, for stacked charts and their tables. */
export function pivot<T>(rows: T[], key: (r: T) => string, series: (r: T) => string, value: (r: T) => number) {
  const byKey = new Map<string, PivotRow>();
  const seriesNames = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    const s = series(row);
    seriesNames.add(s);
    const entry = byKey.get(k) ?? { key: k };
    entry[s] = Number(entry[s] ?? 0) + value(row);
    byKey.set(k, entry);
  }
  return { rows: [...byKey.values()], series: [...seriesNames].sort() };
}

export function buildAnalyticsView(data: AnalyticsData) {
  const modelByRole = pivot(
    data.modelByRole,
    (r) => r.role,
    (r) => shortModel(r.model),
    (r) => r.runs,
  );
  const complexityByRole = pivot(
    data.complexityByRole,
    (r) => r.role,
    (r) => r.complexity,
    (r) => r.runs,
  );
  complexityByRole.series = TASK_COMPLEXITIES.filter((t) => complexityByRole.series.includes(t));
  const costByDay = data.costByDay.map((d) => ({
    key: d.day,
    actual: d.actualMicros / 1e6,
    baseline: d.baselineMicros / 1e6,
    evaluation: d.judgeMicros / 1e6,
  }));
  const reasons = pivot(
    data.reasonsByDay,
    (r) => r.day,
    (r) => r.reason,
    (r) => r.runs,
  );
  const reasonTotals = pivot(
    data.reasonsByDay,
    (r) => r.reason,
    () => "runs",
    (r) => r.runs,
  ).rows.map((r) => ({ reason: r.key, runs: Number(r.runs) }));
  const quality = qualityRows(data.qualityByModelTier);
  return {
    modelByRole,
    complexityByRole,
    costByDay,
    reasons,
    reasonTotals,
    quality,
    qualityCharts: { checks: meanChart(quality, "checks"), judge: meanChart(quality, "judge") },
    correlations: tierCorrelations(data.qualityByModelTier),
    agreement: agreementRows(data.judgeAgreement),
    totals: { runs: data.statusTotals.reduce((n, s) => n + s.runs, 0), ...costTotals(data) },
    costByModel: data.costByModel,
    levers: {
      byModel: data.costByModel.map((m) => ({ key: shortModel(m.model), ...leverSplit(m) })),
      byTenant: data.costByTenant.map((t) => ({ key: t.tenantId, ...leverSplit(t) })),
    },
    statusTotals: data.statusTotals,
  };
}

/** Means per tier (rows) and model (series), with each bar's interval as [below, above] for error bars. */
function meanChart(rows: QualityRow[], signal: "checks" | "judge") {
  const byTier = new Map<string, MeanRow>();
  const series = new Set<string>();
  for (const r of rows) {
    const i = r[signal];
    if (!i) continue;
    series.add(r.label);
    const row = byTier.get(r.complexity) ?? { key: r.complexity };
    row[r.label] = round3(i.estimate);
    row[`${r.label} ci`] = [round3(i.estimate - i.low), round3(i.high - i.estimate)];
    byTier.set(r.complexity, row);
  }
  return { rows: [...byTier.values()], series: [...series] };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The saving against the baseline split by where it came from: prompt caching (the same calls
 * uncached minus as billed), Message Batches (live price minus batch price) and the rest,
 * routing's own (net of the judge's calls and of the tokens
 * the examples add, which the baseline never sends).
 */
function leverSplit(c: CostFigures) {
  const savedNet = c.baselineMicros - c.actualMicros;
  return {
    runs: c.runs,
    actualMicros: c.actualMicros,
    baselineMicros: c.baselineMicros,
    savedNet,
    byCaching: c.cacheSavingMicros,
    byBatch: c.batchSavingMicros,
    byRouting: savedNet - c.cacheSavingMicros - c.batchSavingMicros,
    cacheReadTokens: c.cacheReadTokens,
    cacheWriteTokens: c.cacheWriteTokens,
  };
}
