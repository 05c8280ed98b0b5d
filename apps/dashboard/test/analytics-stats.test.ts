import type { AnalyticsData } from "@switchyard/db";
import { describe, expect, it } from "vitest";
import { describeCorrelation, tierCorrelation } from "../lib/view/analytics-stats";

type Cell = AnalyticsData["qualityByModelTier"][number];
const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";

/** A cell of n checks scores, half at `low` and half at `low + 0.2`. */
function cell(model: string, n: number, low: number): Cell {
  const high = low + 0.2;
  const half = n / 2;
  const checks = { count: n, sum: half * (low + high), sumOfSquares: half * (low * low + high * high) };
  const none = { count: 0, sum: 0, sumOfSquares: 0 };
  return { model, complexity: "simple", runs: n, checks, judge: none, judgeFailures: 0, approvals: 0, rejections: 0 };
}

describe("capability/quality correlation within a tier", () => {
  it("is Pearson's r over the tier's runs when every model has 30 or more", () => {
    // Haiku 0.7/0.9, Sonnet 0.8/1.0, 30 each: n·Σxy − ΣxΣy = 90, (n·Σx² − (Σx)²) = 900,
    // (n·Σy² − (Σy)²) = 45, so r = 90 / √(900·45) = 1/√5.
    const c = tierCorrelation([cell(HAIKU, 30, 0.7), cell(SONNET, 30, 0.8)], "simple", "checks");
    expect(c).toMatchObject({ status: "ok", n: 60, models: 2 });
    expect(c.status === "ok" && c.r).toBeCloseTo(1 / Math.sqrt(5), 9);
    expect(describeCorrelation(c, true)).toBe("r = 0.45 over 60 real runs on 2 models.");
    expect(describeCorrelation(c, false)).toMatch(/^r = 0\.45 \(n 60\) in simulated or synthetic data.*not a finding/);
  });

  it("says too few runs when any one model has fewer than 30, rather than dropping it", () => {
    const c = tierCorrelation([cell(HAIKU, 30, 0.7), cell(SONNET, 28, 0.8)], "simple", "checks");
    expect(c).toEqual({
      tier: "simple",
      signal: "checks",
      status: "too_few_runs",
      short: [{ label: "sonnet-4-6", n: 28 }],
    });
    expect(describeCorrelation(c, true)).toBe("too few runs (sonnet-4-6 n 28; every model needs ≥ 30 scored runs).");
    expect(tierCorrelation([cell(HAIKU, 40, 0.7)], "simple", "checks").status).toBe("one_model");
    expect(tierCorrelation([cell(HAIKU, 40, 0.7), cell(SONNET, 40, 0.8)], "simple", "judge").status).toBe("one_model");
  });
});
