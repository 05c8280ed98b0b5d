import { describe, expect, it } from "vitest";
import { candidateWindow, MAX_DUPLICATE_CANDIDATES } from "./candidate-window";

const NOW = new Date("2026-12-02T12:00:00Z");

describe("candidateWindow: which pieces one draft is compared with", () => {
  it.each([
    [30, undefined, "2026-11-02T12:00:00.000Z", MAX_DUPLICATE_CANDIDATES],
    [7, 50, "2026-11-25T12:00:00.000Z", 50],
    [1, 1, "2026-12-01T12:00:00.000Z", 1],
    // Past a year the window stops growing; a fractional day counts whole days only.
    [10_000, 10, "2025-12-02T12:00:00.000Z", 10],
    [2.9, 10, "2026-11-30T12:00:00.000Z", 10],
  ])("a window of %s days and at most %s pieces reaches back to %s, %s pieces", (days, max, since, limit) => {
    expect(candidateWindow({ now: NOW, windowDays: days, maxCandidates: max })).toEqual({
      since: new Date(since),
      limit,
    });
  });

  it.each([
    [0, 200],
    [-3, 200],
    [30, 0],
  ])("is off for a window of %s days with %s pieces", (days, max) => {
    expect(candidateWindow({ now: NOW, windowDays: days, maxCandidates: max })).toBeUndefined();
  });
});
