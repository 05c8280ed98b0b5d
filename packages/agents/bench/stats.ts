/** Percentiles and timing helpers for the benchmarks (figures are printed, never asserted). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = nowMs();
  const result = await fn();
  return [result, nowMs() - started];
}

export const round = (v: number, digits = 2) => Number(v.toFixed(digits));
