import { describe, expect, it } from "vitest";
import { costOfUsage, estimateInputTokens, getModel } from "../lib/model-catalog";
import { PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";
import { buildPrompt } from "./build-prompt";
import { planPromptCache, worstCaseCost } from "./cache-plan";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const task = TaskInputSchema.parse({ role: "blog-writer", topic: "Cold brew" });
/** A context file of about `tokens` tokens as the providers count them (four characters each). */
const promptWith = (tokens: number) =>
  buildPrompt(task, PromptSettingsSchema.parse({ contextFile: "word ".repeat(Math.ceil((tokens * 4) / 5)) }));

describe("planPromptCache", () => {
  it("marks the last prefix block when the prefix reaches the model's minimum, and not otherwise", () => {
    const prompt = promptWith(getModel(SONNET).minCacheableTokens + 100);
    const onSonnet = planPromptCache(prompt.prefix, SONNET, "5m");
    expect(onSonnet.system.at(-1)?.cacheBreakpoint).toEqual({ ttl: "5m" });
    expect(onSonnet.system.slice(0, -1).every((b) => !b.cacheBreakpoint)).toBe(true);
    expect(onSonnet.note).toMatch(/^marked \(5m\)/);
    // Haiku 4.5's minimum (4,096) is higher: the same prefix is left unmarked there, and says why.
    const onHaiku = planPromptCache(prompt.prefix, HAIKU, "5m");
    expect(onHaiku.system.some((b) => b.cacheBreakpoint)).toBe(false);
    expect(onHaiku.note).toMatch(/under claude-haiku-4-5-20251001's minimum of 4096/);
  });

  it("marks the block before the examples too, when what precedes them reaches the minimum on its own", () => {
    const examples = [{ title: "Cold brew, step by step", body: "Steep coarse coffee for twelve hours." }];
    const settings = (tokens: number) =>
      PromptSettingsSchema.parse({ contextFile: "word ".repeat(Math.ceil((tokens * 4) / 5)) });
    const long = buildPrompt(task, settings(getModel(SONNET).minCacheableTokens + 100), undefined, examples).prefix;
    const plan = planPromptCache(long, SONNET, "5m");
    expect(plan.system.map((b) => b.cacheBreakpoint?.ttl)).toEqual([undefined, "5m", "5m"]);
    expect(plan.note).toMatch(/^marked \(5m\): prefix ~\d+ tokens, and before the examples at ~\d+$/);
    // Without examples, or with too little before them, the end of the prefix is the only breakpoint.
    const bare = planPromptCache(promptWith(getModel(SONNET).minCacheableTokens + 100).prefix, SONNET, "5m");
    expect(bare.system.map((b) => b.cacheBreakpoint?.ttl)).toEqual([undefined, "5m"]);
    const manyExamples = Array.from({ length: 3 }, (_, i) => ({ title: `Piece ${i}`, body: "word ".repeat(1_000) }));
    const short = buildPrompt(task, settings(200), undefined, manyExamples).prefix;
    expect(planPromptCache(short, SONNET, "5m").system.map((b) => b.cacheBreakpoint?.ttl)).toEqual([
      undefined,
      undefined,
      "5m",
    ]);
  });

  it("uses the tenant's TTL, and marks nothing when its cache is off", () => {
    const { prefix } = promptWith(5_000);
    expect(planPromptCache(prefix, HAIKU, "1h").system.at(-1)?.cacheBreakpoint).toEqual({ ttl: "1h" });
    const off = planPromptCache(prefix, HAIKU, "off");
    expect(off.system.some((b) => b.cacheBreakpoint)).toBe(false);
    expect(off.note).toMatch(/cache is off/);
  });
});

describe("worstCaseCost", () => {
  const request = (ttl: "5m" | "1h" | undefined) => ({
    system: [{ text: "a".repeat(9_000) }, { text: "b".repeat(3_000), ...(ttl && { cacheBreakpoint: { ttl } }) }],
    messages: [{ role: "user" as const, content: "c".repeat(600) }],
    maxTokens: 1_000,
  });

  it("prices a marked prefix as a cache write at its TTL, and the rest as plain input", () => {
    const prefix = estimateInputTokens(12_000);
    const rest = estimateInputTokens(600);
    const { price } = getModel(SONNET);
    const expected = (writeRate: number) =>
      Math.ceil((prefix * writeRate + rest * price.input + 1_000 * price.output) / 1e6);
    expect(worstCaseCost(SONNET, request("5m"))).toBe(
      costOfUsage(SONNET, { inputTokens: rest, outputTokens: 1_000, cacheWriteTokens: prefix }),
    );
    expect(Math.abs(worstCaseCost(SONNET, request("5m")) - expected(price.cacheWrite))).toBeLessThanOrEqual(1);
    expect(Math.abs(worstCaseCost(SONNET, request("1h")) - expected(price.cacheWrite1h))).toBeLessThanOrEqual(1);
  });

  it("never holds less than the same request uncached", () => {
    for (const ttl of ["5m", "1h"] as const) {
      expect(worstCaseCost(SONNET, request(ttl))).toBeGreaterThan(worstCaseCost(SONNET, request(undefined)));
    }
  });
});
