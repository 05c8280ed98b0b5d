/**
 * The statistics the analytics tab shows, computed from the sums the rollups keep
 * (count, sum, sum of squares), so every figure carries its n and how sure it is.
 */

/** Two-sided 95% critical values of Student's t for 1–30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z95 = 1.959964;

/** Student's t for a 95% interval: the table up to 30 degrees of freedom, then the Cornish–Fisher expansion. */
export function tCritical95(degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1)
    throw new RangeError("degrees of freedom must be a whole number ≥ 1");
  const tabled = T95[degreesOfFreedom - 1];
  if (tabled !== undefined) return tabled;
  const z = Z95;
  const d = degreesOfFreedom;
  return z + (z ** 3 + z) / (4 * d) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * d ** 2);
}

export interface Interval {
  n: number;
  estimate: number;
  low: number;
  high: number;
}

export interface Moments {
  n: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * The mean with its 95% confidence interval (Student's t on the sample standard deviation).
 * Undefined with no observations; with one, the interval is the whole possible range
 * [`bounds`], since nothing is known about the spread.
 */
export function meanInterval(
  { n, sum, sumOfSquares }: Moments,
  bounds: [number, number] = [0, 1],
): Interval | undefined {
  if (n <= 0) return undefined;
  const mean = sum / n;
  if (n === 1) return { n, estimate: mean, low: bounds[0], high: bounds[1] };
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  const half = tCritical95(n - 1) * Math.sqrt(variance / n);
  return { n, estimate: mean, low: Math.max(bounds[0], mean - half), high: Math.min(bounds[1], mean + half) };
}

/**
 * A proportion with its 95% Wilson score interval: unlike the textbook ±1.96·√(p(1−p)/n) it
 * stays inside [0, 1] and is honest at small n and at rates near 0 or 1 (0 of 5 is not "0 ± 0").
 */
export function wilsonInterval(successes: number, n: number): Interval | undefined {
  if (n <= 0) return undefined;
  if (successes < 0 || successes > n) throw new RangeError(`${successes} successes out of ${n}`);
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { n, estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Observations of y (a score) at a numeric level x (a model's capability rank), as sums over one cell. */
export interface LevelCell {
  x: number;
  n: number;
  sum: number;
  sumOfSquares: number;
}

/** Cells below this many observations are left out of a correlation: a mean of a handful of runs is noise. */
export const MIN_CELL_RUNS = 30;

export type Correlation =
  { status: "ok"; r: number; n: number; cells: number } | { status: "too_few_runs"; n: number; cells: number };

/**
 * Pearson's r between the level and the score, from per-cell sums, over the cells with at
 * least MIN_CELL_RUNS observations; "too few runs" unless two or more levels qualify (a
 * correlation needs the level to vary).
 */
export function levelCorrelation(cells: readonly LevelCell[]): Correlation {
  const kept = cells.filter((c) => c.n >= MIN_CELL_RUNS);
  const n = kept.reduce((total, c) => total + c.n, 0);
  if (new Set(kept.map((c) => c.x)).size < 2) return { status: "too_few_runs", n, cells: kept.length };
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let syy = 0;
  let sxy = 0;
  for (const c of kept) {
    sx += c.x * c.n;
    sxx += c.x * c.x * c.n;
    sy += c.sum;
    syy += c.sumOfSquares;
    sxy += c.x * c.sum;
  }
  const denominator = Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  if (!(denominator > 1e-12)) return { status: "too_few_runs", n, cells: kept.length };
  return { status: "ok", r: (n * sxy - sx * sy) / denominator, n, cells: kept.length };
}
