import { describe, expect, it } from "vitest";
import {
  costOfUsage,
  estimateCost,
  InvalidUsageError,
  MODEL_CATALOG,
  type ModelSpec,
  type TokenUsage,
} from "./model-catalog";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";

describe("the price book", () => {
  it.each(Object.values(MODEL_CATALOG as Record<string, ModelSpec>))(
    "prices $id in whole micro-dollars per million tokens, with the documented cache multipliers",
    (spec) => {
      const { input, output, cacheWrite, cacheWrite1h, cacheRead } = spec.price;
      for (const price of [input, output, cacheWrite, cacheWrite1h, cacheRead])
        expect(Number.isSafeInteger(price)).toBe(true);
      expect([cacheWrite / input, cacheWrite1h / input, cacheRead / input]).toEqual([1.25, 2, 0.1]);
    },
  );

  it.each([
    [HAIKU, 4_096],
    [SONNET, 1_024],
    [OPUS, 2_048],
  ])("knows %s caches prefixes from %i tokens", (model, minimum) => {
    expect((MODEL_CATALOG as Record<string, ModelSpec>)[model]!.minCacheableTokens).toBe(minimum);
  });
});

// Expected values are worked by hand from the $/MTok list prices: Haiku 4.5 $1/$5, Sonnet 4.6 $3/$15,
// Opus 4.7 $5/$25; 5-minute writes 1.25x input, 1-hour writes 2x, reads 0.1x; batches half of everything.
describe("costOfUsage", () => {
  it.each<[string, string, TokenUsage, boolean, number]>([
    ["plain input and output", SONNET, { inputTokens: 1_000, outputTokens: 500 }, false, 10_500],
    ["cache reads at 0.1x input", SONNET, { inputTokens: 0, outputTokens: 0, cacheReadTokens: 2_000 }, false, 600],
    [
      "5-minute writes at 1.25x input",
      SONNET,
      { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 3_000 },
      false,
      11_250,
    ],
    [
      "1-hour writes at 2x input",
      SONNET,
      { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 1_000, cacheWrite1hTokens: 1_000 },
      false,
      6_000,
    ],
    [
      "a mix of 5-minute and 1-hour writes",
      OPUS,
      { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 5_000, cacheWrite1hTokens: 1_000 },
      false,
      35_000,
    ],
    [
      "everything at once",
      SONNET,
      {
        inputTokens: 1_000,
        outputTokens: 500,
        cacheReadTokens: 2_000,
        cacheWriteTokens: 4_000,
        cacheWrite1hTokens: 1_000,
      },
      false,
      28_350,
    ],
    ["a batch: half of input and output", SONNET, { inputTokens: 1_000, outputTokens: 500 }, true, 5_250],
    [
      "a batch stacked on cache reads and both writes",
      SONNET,
      {
        inputTokens: 1_000,
        outputTokens: 500,
        cacheReadTokens: 2_000,
        cacheWriteTokens: 4_000,
        cacheWrite1hTokens: 1_000,
      },
      true,
      14_175,
    ],
    [
      "a batch on Opus with a cached prefix",
      OPUS,
      { inputTokens: 200, outputTokens: 1_200, cacheReadTokens: 8_000, cacheWriteTokens: 0 },
      true,
      17_500,
    ],
    [
      "a fraction rounds up: 7 Haiku reads are 0.7",
      HAIKU,
      { inputTokens: 0, outputTokens: 0, cacheReadTokens: 7 },
      false,
      1,
    ],
    ["a batch fraction rounds up: 3 Haiku inputs are 1.5", HAIKU, { inputTokens: 3, outputTokens: 0 }, true, 2],
    [
      "rounding happens once: 0.5 of reads plus 2.5 of writes is 3, not 1 + 3",
      HAIKU,
      { inputTokens: 0, outputTokens: 0, cacheReadTokens: 5, cacheWriteTokens: 2 },
      false,
      3,
    ],
    ["no usage costs nothing", HAIKU, { inputTokens: 0, outputTokens: 0 }, true, 0],
  ])("prices %s exactly", (_, model, usage, isBatch, expected) => {
    expect(costOfUsage(model, usage, { isBatch })).toBe(expected);
  });

  it("keeps the two-argument call of existing callers (live price, writes as 5-minute)", () => {
    expect(costOfUsage(SONNET, { inputTokens: 10, outputTokens: 10, cacheWriteTokens: 8, cacheReadTokens: 10 })).toBe(
      213,
    );
  });

  it.each<[string, TokenUsage]>([
    ["more 1-hour writes than writes", { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 1, cacheWrite1hTokens: 2 }],
    ["1-hour writes without a total", { inputTokens: 0, outputTokens: 0, cacheWrite1hTokens: 2 }],
    ["a negative count", { inputTokens: -1, outputTokens: 0 }],
    ["a fractional count", { inputTokens: 1.5, outputTokens: 0 }],
  ])("refuses %s", (_, usage) => {
    expect(() => costOfUsage(SONNET, usage)).toThrow(InvalidUsageError);
  });

  it("estimates the worst case at the batch price when asked", () => {
    expect(estimateCost(OPUS, 2_000, 32_768)).toBe(829_200);
    expect(estimateCost(OPUS, 2_000, 32_768, { isBatch: true })).toBe(414_600);
  });
});
