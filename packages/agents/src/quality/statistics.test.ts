import { describe, expect, it } from "vitest";
import { levelCorrelation, meanInterval, MIN_CELL_RUNS, tCritical95, wilsonInterval } from "./statistics";

const moments = (xs: number[]) => ({
  n: xs.length,
  sum: xs.reduce((a, b) => a + b, 0),
  sumOfSquares: xs.reduce((a, b) => a + b * b, 0),
});

describe("statistics against hand-computed values", () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [10, 2.228],
    [30, 2.042],
    [60, 2.0003],
    [120, 1.9799],
    [100_000, 1.96],
  ])("t(0.975, %i) = %f", (df, expected) => {
    expect(tCritical95(df)).toBeCloseTo(expected, 3);
  });

  it("gives the mean of 0.5, 0.7, 0.9 as 0.7 ± t(2)·0.2/√3", () => {
    const interval = meanInterval(moments([0.5, 0.7, 0.9]))!;
    const half = 4.303 * (0.2 / Math.sqrt(3)); // s = 0.2
    expect(interval.estimate).toBeCloseTo(0.7, 12);
    expect(interval.low).toBeCloseTo(Math.max(0, 0.7 - half), 12);
    expect(interval.high).toBeCloseTo(Math.min(1, 0.7 + half), 12);
  });

  it("narrows with n: 40 scores alternating 0.8 and 0.9", () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.9 : 0.8));
    const interval = meanInterval(moments(xs))!;
    const s = Math.sqrt((40 * 0.05 ** 2) / 39);
    const half = tCritical95(39) * (s / Math.sqrt(40));
    expect([interval.estimate, interval.high - interval.estimate]).toEqual([
      expect.closeTo(0.85, 12),
      expect.closeTo(half, 12),
    ]);
  });

  it("knows nothing from no runs, and little from one", () => {
    expect(meanInterval({ n: 0, sum: 0, sumOfSquares: 0 })).toBeUndefined();
    expect(meanInterval(moments([0.6]))).toEqual({ n: 1, estimate: 0.6, low: 0, high: 1 });
  });

  it.each([
    // successes, n, low, high: published Wilson 95% intervals
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [1, 2, 0.0945, 0.9055],
    [45, 50, 0.7864, 0.9565],
  ])("Wilson 95%% for %i of %i is [%f, %f]", (k, n, low, high) => {
    const interval = wilsonInterval(k, n)!;
    expect(interval.estimate).toBe(k / n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("computes Pearson's r from cell sums, as over the raw pairs", () => {
    // Capability 1 scores 0.7/0.8 alternating, capability 2 scores 0.8/0.9: 30 runs each.
    const low = Array.from({ length: 30 }, (_, i) => (i % 2 ? 0.8 : 0.7));
    const high = Array.from({ length: 30 }, (_, i) => (i % 2 ? 0.9 : 0.8));
    const pairs = [...low.map((y) => [1, y] as const), ...high.map((y) => [2, y] as const)];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const xs = pairs.map(([x]) => x);
    const ys = pairs.map(([, y]) => y);
    const [mx, my] = [mean(xs), mean(ys)];
    const cov = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
    const expected =
      cov / Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
    const result = levelCorrelation([
      { x: 1, ...moments(low) },
      { x: 2, ...moments(high) },
    ]);
    expect(result).toMatchObject({ status: "ok", n: 60, cells: 2 });
    expect(result.status === "ok" && result.r).toBeCloseTo(expected, 10);
    expect(expected).toBeCloseTo(0.7071, 4);
  });

  it(`says "too few runs" unless two levels each have ${MIN_CELL_RUNS} runs`, () => {
    const cell = (x: number, n: number) => ({ x, n, sum: 0.8 * n, sumOfSquares: 0.64 * n + 0.01 * x });
    expect(levelCorrelation([cell(1, 29), cell(2, 500)])).toEqual({ status: "too_few_runs", n: 500, cells: 1 });
    expect(levelCorrelation([cell(1, 30), cell(2, 30)]).status).toBe("ok");
    expect(levelCorrelation([])).toEqual({ status: "too_few_runs", n: 0, cells: 0 });
  });
});
