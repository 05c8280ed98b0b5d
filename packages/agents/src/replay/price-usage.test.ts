import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTIVE_MODEL_IDS, costOfUsage } from "../lib/model-catalog";
import { priceUsage } from "./price-usage";

describe("pricing token sums", () => {
  it("agrees with costOfUsage, rounding included, live and batched", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIVE_MODEL_IDS),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (model, [input = 0, output = 0, reads = 0, writes = 0, oneHour = 0], isBatch) => {
          const writes1h = Math.min(oneHour, writes);
          const usage = { inputTokens: input, outputTokens: output, cacheReadTokens: reads };
          const expected = costOfUsage(
            model,
            { ...usage, cacheWriteTokens: writes, cacheWrite1hTokens: writes1h },
            { isBatch },
          );
          const sums = {
            inputTokens: BigInt(input),
            outputTokens: BigInt(output),
            cacheReadTokens: BigInt(reads),
            cacheWriteTokens: BigInt(writes),
            cacheWrite1hTokens: BigInt(writes1h),
          };
          expect(priceUsage(model, sums, isBatch)).toBe(BigInt(expected));
        },
      ),
    );
  });

  it("prices sums past Number's exact range (a billion Opus output tokens is $25,000)", () => {
    const sums = { inputTokens: 0n, outputTokens: 1_000_000_000n, cacheReadTokens: 0n, cacheWriteTokens: 0n };
    expect(priceUsage("claude-opus-4-7", { ...sums, cacheWrite1hTokens: 0n }, false)).toBe(25_000_000_000n);
  });
});
