import { describe, expect, it } from "vitest";
import { InvalidCacheBreakpointsError, PromptCache } from "./prompt-cache";
import type { PromptSegment } from "./prompt-segments";
import type { CacheTtl } from "./types";

const blocks = (count: number, tokens: number, breakpointAt: number[], ttl: CacheTtl = "5m"): PromptSegment[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `system\u0000block ${i}`,
    tokens,
    ...(breakpointAt.includes(i) && { breakpoint: ttl }),
  }));

describe("PromptCache", () => {
  it.each([
    [19, 100, 1_900],
    [20, 0, 2_100],
  ])("looks back %i blocks past the entry: reads %i tokens, writes %i", (distance, read, written) => {
    const cache = new PromptCache(() => 0);
    cache.apply("m", 100, blocks(30, 100, [0]));
    const split = cache.apply("m", 100, blocks(30, 100, [distance]));
    expect({ read: split.cacheReadTokens, written: split.cacheWriteTokens }).toEqual({ read, written });
  });

  it("writes nothing and bills everything as input when no breakpoint reaches the minimum", () => {
    const cache = new PromptCache(() => 0);
    const segments = blocks(4, 100, [0, 1]);
    expect(cache.apply("m", 300, segments)).toEqual({
      inputTokens: 400,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    });
    expect(cache.apply("m", 300, segments).cacheReadTokens).toBe(0);
  });

  it("refuses a fifth breakpoint", () => {
    expect(() => new PromptCache().apply("m", 1, blocks(5, 10, [0, 1, 2, 3, 4]))).toThrow(InvalidCacheBreakpointsError);
  });

  it("drops expired entries in its sweeps, so it does not grow without bound, and keeps live ones", () => {
    let now = 0;
    const cache = new PromptCache(() => now);
    for (let i = 0; i < 1_100; i++) cache.apply("m", 1, [{ key: `old ${i}`, tokens: 5, breakpoint: "5m" }]);
    cache.apply("m", 1, [{ key: "kept", tokens: 5, breakpoint: "1h" }]);
    now += 10 * 60_000;
    for (let i = 0; i < 2; i++) cache.apply("m", 1, [{ key: `new ${i}`, tokens: 5, breakpoint: "5m" }]);
    expect(cache.size).toBe(3);
    expect(cache.apply("m", 1, [{ key: "kept", tokens: 5, breakpoint: "1h" }]).cacheReadTokens).toBe(5);
  });
});
