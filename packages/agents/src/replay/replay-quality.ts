import { type Interval, meanInterval, wilsonInterval } from "../quality/statistics";

/** Recorded quality of one role × model × tier: the judge's scores (0–1) and people's verdicts. */
export interface QualityCell {
  role: string;
  model: string;
  complexity: string;
  judgeCount: number;
  judgeSum: number;
  judgeSqSum: number;
  approvals: number;
  rejections: number;
}

export interface CellEstimate {
  role: string;
  model: string;
  complexity: string;
  /** Mean judge score with its 95% interval; undefined when the judge scored none of these runs. */
  judge?: Interval;
  /** Approval rate among reviewed runs with its Wilson interval; undefined when none were reviewed. */
  approval?: Interval;
}

/**
 * A mix's quality as the run-weighted mean of its cells' means, with a 95% normal-approximation interval
 * (Σ w² · variance / n over the cells; a cell of one observation counts the largest variance a 0–1 score
 * can have, 0.25). `runs` is how many of the mix's runs landed in a cell with any observation: the rest
 * are not in the estimate. `n` is the observations behind it.
 */
export interface MixEstimate {
  estimate: number;
  low: number;
  high: number;
  n: number;
  runs: number;
}

export const cellKey = (role: string, model: string, complexity: string) => `${role}|${model}|${complexity}`;

export function estimateCell(cell: QualityCell): CellEstimate {
  const judge = meanInterval({ n: cell.judgeCount, sum: cell.judgeSum, sumOfSquares: cell.judgeSqSum });
  const approval = wilsonInterval(cell.approvals, cell.approvals + cell.rejections);
  return {
    role: cell.role,
    model: cell.model,
    complexity: cell.complexity,
    ...(judge && { judge }),
    ...(approval && { approval }),
  };
}

/** One cell's mean, variance of one observation, and n, for a mix. */
interface CellMoments {
  mean: number;
  variance: number;
  n: number;
}

export function judgeMoments(cell: QualityCell): CellMoments | undefined {
  const n = cell.judgeCount;
  if (n <= 0) return undefined;
  const mean = cell.judgeSum / n;
  const variance = n >= 2 ? Math.max(0, (cell.judgeSqSum - n * mean * mean) / (n - 1)) : 0.25;
  return { mean, variance, n };
}

export function approvalMoments(cell: QualityCell): CellMoments | undefined {
  const n = cell.approvals + cell.rejections;
  if (n <= 0) return undefined;
  const p = cell.approvals / n;
  return { mean: p, variance: n >= 2 ? p * (1 - p) : 0.25, n };
}

const Z95 = 1.959964;

/** The run-weighted mean over cells, given how many of the mix's runs fall in each (by cell key). */
export function estimateMix(
  runsByCell: ReadonlyMap<string, number>,
  moments: ReadonlyMap<string, CellMoments>,
): MixEstimate | undefined {
  let runs = 0;
  for (const [key, count] of runsByCell) if (moments.has(key)) runs += count;
  if (runs === 0) return undefined;
  let estimate = 0;
  let variance = 0;
  let n = 0;
  for (const [key, count] of runsByCell) {
    const m = moments.get(key);
    if (!m) continue;
    const w = count / runs;
    estimate += w * m.mean;
    variance += (w * w * m.variance) / m.n;
    n += m.n;
  }
  const half = Z95 * Math.sqrt(variance);
  return { estimate, low: Math.max(0, estimate - half), high: Math.min(1, estimate + half), n, runs };
}
