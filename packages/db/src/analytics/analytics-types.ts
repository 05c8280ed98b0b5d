import type { RunSource } from "../generated/prisma/enums";

export interface AnalyticsFilters {
  /** First and last day included (UTC dates). */
  from: Date;
  to: Date;
  role?: string;
  /** Undefined means every tenant (operators). */
  tenantIds?: string[];
  /** Undefined means every source. */
  sources?: RunSource[];
}

/** Count, sum and sum of squares of a score (0–1): what a mean and its interval are computed from. */
export interface ScoreSums {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/** What a group of succeeded runs cost, against the baseline, and what the levers saved of it. */
export interface CostFigures {
  runs: number;
  actualMicros: number;
  baselineMicros: number;
  /** The judge's calls: part of actual, shown apart as evaluation cost. */
  judgeMicros: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** The generations uncached minus as billed (negative where writes were not read back). */
  cacheSavingMicros: number;
  /** The same usage at live prices minus at batch prices (Message Batches bill 50%). */
  batchSavingMicros: number;
}

export interface AnalyticsData {
  /** Finished runs per source in the range, whatever the source filter: which sources there are to show. */
  sources: { source: RunSource; runs: number }[];
  statusTotals: { status: string; runs: number }[];
  modelByRole: { role: string; model: string; runs: number }[];
  complexityByRole: { role: string; complexity: string; runs: number }[];
  /** Actual includes the judge's calls; the judge's share is also given apart, as evaluation cost. */
  costByDay: { day: string; actualMicros: number; baselineMicros: number; judgeMicros: number }[];
  costByModel: ({ model: string } & CostFigures)[];
  /** The same figures per tenant, for operators who see several. */
  costByTenant: ({ tenantId: string } & CostFigures)[];
  qualityByModelTier: {
    model: string;
    complexity: string;
    runs: number;
    checks: ScoreSums;
    judge: ScoreSums;
    judgeFailures: number;
    approvals: number;
    rejections: number;
  }[];
  /** How often the judge agreed with people, per role and model. */
  judgeAgreement: { role: string; model: string; reviewsJudged: number; agreements: number }[];
  reasonsByDay: { day: string; reason: string; runs: number }[];
  /**
   * The near-duplicate guard per role: drafts it compared, and the near-duplicates it caught (rewritten once,
   * or still too close and flagged for review). Roles with the guard off are left out.
   */
  duplicatesByRole: { role: string; checked: number; regenerated: number; flagged: number }[];
  /**
   * The quality-gated cascade per role: runs whose cheaper draft was kept or escalated, and what those runs
   * cost (every call and judge included) beside their all-model baseline. Roles with no cascaded run are left out.
   */
  cascadeByRole: {
    role: string;
    accepted: number;
    escalated: number;
    actualMicros: number;
    baselineMicros: number;
    judgeMicros: number;
  }[];
}
