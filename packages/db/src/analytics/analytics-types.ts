export interface AnalyticsFilters {
  /** First and last day included (UTC dates). */
  from: Date;
  to: Date;
  role?: string;
  /** Undefined means every tenant (operators). */
  tenantIds?: string[];
}

export interface AnalyticsData {
  statusTotals: { status: string; runs: number }[];
  modelByRole: { role: string; model: string; runs: number }[];
  complexityByRole: { role: string; complexity: string; runs: number }[];
  costByDay: { day: string; actualMicros: number; baselineMicros: number }[];
  costByModel: { model: string; runs: number; actualMicros: number; baselineMicros: number }[];
  qualityByModelTier: {
    model: string;
    complexity: string;
    runs: number;
    qualitySum: number;
    qualitySqSum: number;
    qualityCount: number;
    approvals: number;
    rejections: number;
  }[];
  reasonsByDay: { day: string; reason: string; runs: number }[];
}
