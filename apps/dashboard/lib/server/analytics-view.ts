import "server-only";
import { getModel, TASK_COMPLEXITIES } from "@switchyard/agents";
import { type AnalyticsData, loadAnalytics } from "@switchyard/db";
import { scopedTenantIds, type Viewer } from "./auth";
import { dateRange, type PageFilters } from "./page-filters";
import { db } from "./services";
import { shortModel } from "../view/format";

/** The analytics of the viewer's tenants (or the one tenant the filter names) over the filtered range. */
export async function loadAnalyticsFor(viewer: Viewer, filters: PageFilters): Promise<AnalyticsData> {
  return loadAnalytics(db(), {
    ...dateRange(filters),
    role: filters.role,
    tenantIds: scopedTenantIds(viewer, filters.tenant),
  });
}

export type PivotRow = { key: string } & Record<string, number | string>;

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

function rank(model: string): number | undefined {
  try {
    return getModel(model).capabilityRank;
  } catch {
    return undefined;
  }
}

/**
 * Pearson correlation between model capability (Haiku 1, Sonnet 2, Opus 3) and
 * quality score, from the sums the rollups keep; within a tier it compares like with like.
 */
export function qualityCorrelation(rows: AnalyticsData["qualityByModelTier"], tier?: string) {
  let n = 0,
    sx = 0,
    sxx = 0,
    sy = 0,
    syy = 0,
    sxy = 0;
  for (const r of rows) {
    const x = rank(r.model);
    if (x === undefined || (tier && r.complexity !== tier) || r.checks.count === 0) continue;
    n += r.checks.count;
    sx += x * r.checks.count;
    sxx += x * x * r.checks.count;
    sy += r.checks.sum;
    syy += r.checks.sumOfSquares;
    sxy += x * r.checks.sum;
  }
  const denominator = Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  return { n, r: n > 2 && denominator > 1e-12 ? (n * sxy - sx * sy) / denominator : null };
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
  const qualityRows = data.qualityByModelTier.map((r) => ({
    ...r,
    label: shortModel(r.model),
    meanQuality: r.checks.count ? r.checks.sum / r.checks.count : null,
    approvalRate: r.approvals + r.rejections ? r.approvals / (r.approvals + r.rejections) : null,
  }));
  const scored = qualityRows.flatMap((r) => (r.meanQuality === null ? [] : [{ ...r, meanQuality: r.meanQuality }]));
  const roundedQuality = (r: { meanQuality: number }) => Math.round(r.meanQuality * 1000) / 1000;
  const qualityChart = pivot(
    scored,
    (r) => r.complexity,
    (r) => r.label,
    roundedQuality,
  );
  const tiers = [...new Set(data.qualityByModelTier.map((r) => r.complexity))];
  const correlation = {
    overall: qualityCorrelation(data.qualityByModelTier),
    byTier: tiers.map((tier) => ({ tier, ...qualityCorrelation(data.qualityByModelTier, tier) })),
  };
  const totals = {
    runs: data.statusTotals.reduce((n, s) => n + s.runs, 0),
    actual: data.costByModel.reduce((n, m) => n + m.actualMicros, 0),
    baseline: data.costByModel.reduce((n, m) => n + m.baselineMicros, 0),
  };
  return {
    modelByRole,
    complexityByRole,
    costByDay,
    reasons,
    reasonTotals,
    qualityRows,
    qualityChart,
    correlation,
    totals,
    costByModel: data.costByModel,
    statusTotals: data.statusTotals,
  };
}
