import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

const options = { baseDelayMs: 100, maxDelayMs: 1000 };

describe("backoffDelayMs", () => {
  it.each([
    { retry: 1, random: 0, expected: 50 },
    { retry: 1, random: 0.999, expected: 99.95 },
    { retry: 2, random: 0, expected: 100 },
    { retry: 3, random: 0.5, expected: 300 },
    { retry: 5, random: 0, expected: 500 }, // 1600 capped at 1000, half fixed
    { retry: 9, random: 0.999, expected: 999.5 },
  ])("retry $retry with random $random waits $expected ms", ({ retry, random, expected }) => {
    expect(backoffDelayMs(retry, options, () => random)).toBeCloseTo(expected, 6);
  });

  it.each([
    { retryAfterMs: 0, expected: 0 },
    { retryAfterMs: 700, expected: 700 },
    { retryAfterMs: 60_000, expected: 1000 },
  ])("a Retry-After of $retryAfterMs ms waits $expected ms", ({ retryAfterMs, expected }) => {
    expect(backoffDelayMs(1, options, () => 0.9, retryAfterMs)).toBe(expected);
  });
});
