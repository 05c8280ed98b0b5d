import {
  getModel,
  type Interval,
  levelCorrelation,
  meanInterval,
  MIN_CELL_RUNS,
  TASK_COMPLEXITIES,
  wilsonInterval,
} from "@switchyard/agents";
import type { AnalyticsData } from "@switchyard/db";
import { shortModel } from "./format";

type QualityCell = AnalyticsData["qualityByModelTier"][number];
export type Signal = "checks" | "judge";

function rank(model: string): number | undefined {
  try {
    return getModel(model).capabilityRank;
  } catch {
    return undefined;
  }
}

const tierOrder = (tier: string) => {
  const i = (TASK_COMPLEXITIES as readonly string[]).indexOf(tier);
  return i < 0 ? TASK_COMPLEXITIES.length : i;
};

/** Per tier and model: each signal's mean with its 95% interval, and the approval rate with its Wilson interval. */
export function qualityRows(cells: AnalyticsData["qualityByModelTier"]) {
  return [...cells]
    .sort((a, b) => tierOrder(a.complexity) - tierOrder(b.complexity) || (rank(a.model) ?? 9) - (rank(b.model) ?? 9))
    .map((c) => ({
      complexity: c.complexity,
      model: c.model,
      label: shortModel(c.model),
      runs: c.runs,
      checks: meanInterval({ n: c.checks.count, sum: c.checks.sum, sumOfSquares: c.checks.sumOfSquares }),
      judge: meanInterval({ n: c.judge.count, sum: c.judge.sum, sumOfSquares: c.judge.sumOfSquares }),
      judgeFailures: c.judgeFailures,
      approval: wilsonInterval(c.approvals, c.approvals + c.rejections),
    }));
}
export type QualityRow = ReturnType<typeof qualityRows>[number];

export type TierCorrelation = { tier: string; signal: Signal } & (
  | { status: "ok"; r: number; n: number; models: number }
  | { status: "too_few_runs"; short: { label: string; n: number }[] }
  | { status: "one_model" }
  | { status: "no_variation"; n: number }
);

/**
 * Pearson's r between model capability and a signal within one tier, only when every model
 * in the tier has at least MIN_CELL_RUNS scored runs: a mean of a handful of runs is noise,
 * and dropping the small cells would quietly compare whatever happens to be left.
 */
export function tierCorrelation(cells: readonly QualityCell[], tier: string, signal: Signal): TierCorrelation {
  const inTier = cells.flatMap((c) => {
    const x = rank(c.model);
    const sums = c[signal];
    return c.complexity === tier && x !== undefined && sums.count > 0
      ? [{ x, label: shortModel(c.model), n: sums.count, sum: sums.sum, sumOfSquares: sums.sumOfSquares }]
      : [];
  });
  if (new Set(inTier.map((c) => c.x)).size < 2) return { tier, signal, status: "one_model" };
  const short = inTier.filter((c) => c.n < MIN_CELL_RUNS).map(({ label, n }) => ({ label, n }));
  if (short.length > 0) return { tier, signal, status: "too_few_runs", short };
  const result = levelCorrelation(inTier);
  if (result.status !== "ok") return { tier, signal, status: "no_variation", n: result.n };
  return { tier, signal, status: "ok", r: result.r, n: result.n, models: result.cells };
}

/** Every tier's correlation, for both automatic signals, in tier order. */
export function tierCorrelations(cells: readonly QualityCell[]): TierCorrelation[] {
  const tiers = [...new Set(cells.map((c) => c.complexity))].sort((a, b) => tierOrder(a) - tierOrder(b));
  return tiers.flatMap((tier) => (["checks", "judge"] as const).map((s) => tierCorrelation(cells, tier, s)));
}

/** Words for a correlation that never overstate it, and never call a relation in unreal data a finding. */
export function describeCorrelation(c: TierCorrelation, isEvidence: boolean): string {
  switch (c.status) {
    case "one_model":
      return "one model only in this tier; nothing to compare.";
    case "too_few_runs":
      return (
        `too few runs (${c.short.map((s) => `${s.label} n ${s.n}`).join(", ")}; ` +
        `every model needs ≥ ${MIN_CELL_RUNS} scored runs).`
      );
    case "no_variation":
      return `every score is the same (n ${c.n}); there is no relation to measure.`;
    case "ok":
      return isEvidence
        ? `r = ${c.r.toFixed(2)} over ${c.n} real runs on ${c.models} models.`
        : `r = ${c.r.toFixed(2)} (n ${c.n}) in simulated or synthetic data: it describes how that data was made, ` +
            "not how the models write, and is not a finding.";
  }
}

/** How often the judge agreed with people, per role and model, with a Wilson interval. */
export function agreementRows(rows: AnalyticsData["judgeAgreement"]) {
  return rows.map((r) => ({
    role: r.role,
    model: r.model,
    label: shortModel(r.model),
    agreement: wilsonInterval(r.agreements, r.reviewsJudged),
    reviewsJudged: r.reviewsJudged,
  }));
}

/** Spend, baseline and evaluation cost; the savings net of the judge's calls (they are part of `actual`). */
export function costTotals(data: AnalyticsData) {
  const actual = data.costByModel.reduce((n, m) => n + m.actualMicros, 0);
  const baseline = data.costByModel.reduce((n, m) => n + m.baselineMicros, 0);
  const evaluation = data.costByModel.reduce((n, m) => n + m.judgeMicros, 0);
  return {
    actual,
    baseline,
    evaluation,
    savedNet: baseline - actual,
    savedBeforeEvaluation: baseline - actual + evaluation,
  };
}

/** "0.812 [0.774, 0.850]" with three decimals, or a dash when there is nothing to estimate. */
export function formatInterval(i: Interval | undefined, asPercent = false): string {
  if (!i) return "—";
  const f = (v: number) => (asPercent ? `${(v * 100).toFixed(0)}%` : v.toFixed(3));
  return `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;
}
