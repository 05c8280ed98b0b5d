import { describe, expect, it } from "vitest";
import { guardMetrics, pickThreshold, type ScoredPair } from "./guard-metrics";

const pair = (score: number, isDuplicate: boolean, id = `${score}`): ScoredPair => ({ id, score, isDuplicate });

describe("guardMetrics", () => {
  const pairs = [pair(0.9, true), pair(0.7, true), pair(0.6, false), pair(0.4, true), pair(0.2, false)];
  it.each([
    { threshold: 0.8, tp: 1, fp: 0, fn: 2, tn: 2, precision: 1, recall: 1 / 3, f1: 0.5 },
    { threshold: 0.5, tp: 2, fp: 1, fn: 1, tn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 },
    { threshold: 0.3, tp: 3, fp: 1, fn: 0, tn: 1, precision: 0.75, recall: 1, f1: 6 / 7 },
    { threshold: 0, tp: 3, fp: 2, fn: 0, tn: 0, precision: 0.6, recall: 1, f1: 0.75 },
    { threshold: 0.95, tp: 0, fp: 0, fn: 3, tn: 2, precision: 0, recall: 0, f1: 0 },
  ])("at $threshold", ({ threshold, tp, fp, fn, tn, precision, recall, f1 }) => {
    const metrics = guardMetrics(pairs, threshold);
    expect(metrics).toMatchObject({ truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn });
    expect(metrics.precision).toBeCloseTo(precision, 10);
    expect(metrics.recall).toBeCloseTo(recall, 10);
    expect(metrics.f1).toBeCloseTo(f1, 10);
  });

  it("counts a score equal to the threshold as a duplicate", () => {
    expect(guardMetrics([pair(0.5, true)], 0.5).truePositives).toBe(1);
  });
});

describe("pickThreshold", () => {
  it("takes the F1-best cut and moves it halfway to the next lower score", () => {
    const pairs = [pair(0.9, true), pair(0.7, true), pair(0.6, false), pair(0.4, true), pair(0.2, false)];
    const best = pickThreshold(pairs);
    expect(best.f1).toBeCloseTo(6 / 7, 10);
    expect(best.threshold).toBeCloseTo(0.3, 10);
  });

  it("separates a cleanly separable set in the middle of the gap", () => {
    const best = pickThreshold([pair(0.8, true), pair(0.75, true), pair(0.3, false), pair(0.1, false)]);
    expect(best).toMatchObject({ f1: 1, threshold: 0.525 });
  });

  it("keeps the higher cut when two give the same F1", () => {
    // Cutting at 0.8 (tp 1, fn 1) and at 0.5 (tp 2, fp 2) both give F1 = 2/3.
    const best = pickThreshold([pair(0.8, true), pair(0.6, false), pair(0.55, false), pair(0.5, true)]);
    expect(best.truePositives).toBe(1);
  });

  it.each([
    { what: "no pairs", pairs: [] },
    { what: "no duplicates", pairs: [pair(0.4, false), pair(0.2, false)] },
  ])("reports F1 0 for $what", ({ pairs }) => {
    expect(pickThreshold(pairs).f1).toBe(0);
  });
});
