import { describe, expect, it } from "vitest";
import { WEBHOOK_ATTEMPTS, webhookRetryDelayMs } from "./webhook-queue";

describe("webhook retry schedule", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [9, 7_680_000],
    [10, 4 * 3600_000],
    [14, 4 * 3600_000],
  ])("waits after failed attempt %i: %i ms", (attemptsMade, delay) => {
    expect(webhookRetryDelayMs(attemptsMade)).toBe(delay);
  });

  it("spreads its attempts over about a day, and no longer", () => {
    let totalMs = 0;
    for (let made = 1; made < WEBHOOK_ATTEMPTS; made++) totalMs += webhookRetryDelayMs(made);
    expect(totalMs / 3600_000).toBeGreaterThan(23);
    expect(totalMs / 3600_000).toBeLessThan(25);
  });

  it("doubles from a test's shorter base", () => {
    expect([1, 2, 3].map((n) => webhookRetryDelayMs(n, 100))).toEqual([100, 200, 400]);
  });
});
