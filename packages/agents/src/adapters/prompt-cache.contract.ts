import { afterEach, describe, expect, it } from "vitest";
import { costOfUsage } from "../lib/model-catalog";
import { ProviderError } from "./provider-error";
import type { CacheTtl, GenerateRequest, LlmAdapter, SystemBlock } from "./types";

/** An adapter whose prompt cache runs on a clock the test moves. */
export interface CacheRig {
  adapter: LlmAdapter;
  advance(ms: number): void;
  close?(): Promise<void>;
}

const SONNET = "claude-sonnet-4-6";
const MINUTE = 60_000;
const USER = "Write a caption."; // 16 characters: 4 tokens of plain input after the prefix.

/** A block of exactly `tokens` tokens (4 characters each), unique to `tag`. */
export function prefixOf(tag: string, tokens: number): string {
  return `${tag}: `.padEnd(tokens * 4, " brand voice, products, audience.");
}

const block = (text: string, ttl?: CacheTtl): SystemBlock => (ttl ? { text, cacheBreakpoint: { ttl } } : { text });

export function cachedRequest(system: SystemBlock[], model = SONNET): GenerateRequest {
  return { model, maxTokens: 200, system, messages: [{ role: "user", content: USER }] };
}

/**
 * Prompt caching as the Messages API documents it, checked the same way on every provider that claims it
 * (the simulated one in-process, the fake API through the real SDK). Prefix sizes are chosen against the
 * catalog's minimums: Sonnet 4.6 caches from 1,024 tokens, Opus 4.7 from 2,048, Haiku 4.5 from 4,096.
 */
export function describePromptCacheContract(name: string, makeRig: () => Promise<CacheRig>): void {
  describe(`prompt caching on ${name}`, () => {
    // Unset until a test's makeRig() resolves; afterEach runs even when it did not.
    let rig: CacheRig | undefined;
    afterEach(async () => rig?.close?.());
    const usageOf = async (request: GenerateRequest) => {
      if (rig === undefined) throw new Error("usageOf before makeRig()");
      return (await rig.adapter.generate(request)).usage;
    };
    const cached = (tokens: number, ttl: CacheTtl = "5m", tag = "tenant-a") =>
      cachedRequest([block(prefixOf(tag, tokens), ttl)]);

    it("writes the prefix once, then reads it within the TTL; input is only what follows the breakpoint", async () => {
      rig = await makeRig();
      expect(await usageOf(cached(1_100))).toMatchObject({
        cacheWriteTokens: 1_100,
        cacheReadTokens: 0,
        inputTokens: 4,
      });
      rig.advance(5 * MINUTE - 1);
      expect(await usageOf(cached(1_100))).toMatchObject({
        cacheWriteTokens: 0,
        cacheReadTokens: 1_100,
        inputTokens: 4,
      });
    });

    it("lets an entry expire after its TTL, then writes it again", async () => {
      rig = await makeRig();
      await usageOf(cached(1_100));
      rig.advance(5 * MINUTE);
      expect(await usageOf(cached(1_100))).toMatchObject({ cacheWriteTokens: 1_100, cacheReadTokens: 0 });
    });

    it("refreshes the TTL on every read", async () => {
      rig = await makeRig();
      await usageOf(cached(1_100));
      rig.advance(4 * MINUTE);
      await usageOf(cached(1_100));
      rig.advance(4 * MINUTE); // 8 minutes after the write, 4 after the read.
      expect(await usageOf(cached(1_100))).toMatchObject({ cacheWriteTokens: 0, cacheReadTokens: 1_100 });
    });

    it.each([
      [1_023, false],
      [1_024, true],
    ])("caches a %i-token prefix on Sonnet 4.6: %s", async (tokens, isCached) => {
      rig = await makeRig();
      const first = await usageOf(cached(tokens));
      const second = await usageOf(cached(tokens));
      if (isCached) {
        expect([first.cacheWriteTokens, second.cacheReadTokens]).toEqual([tokens, tokens]);
      } else {
        const plain = { cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, inputTokens: tokens + 4 };
        expect([first, second]).toMatchObject([plain, plain]);
      }
    });

    it("keeps one cache per model: the same prefix on another model is a new write", async () => {
      rig = await makeRig();
      const system = [block(prefixOf("tenant-a", 4_100), "5m")];
      for (const model of [SONNET, "claude-opus-4-7", "claude-haiku-4-5-20251001"]) {
        expect(await usageOf(cachedRequest(system, model))).toMatchObject({
          cacheWriteTokens: 4_100,
          cacheReadTokens: 0,
        });
      }
      expect(await usageOf(cachedRequest(system, "claude-opus-4-7"))).toMatchObject({ cacheReadTokens: 4_100 });
    });

    it("never lets one tenant's prefix read another's, not even one character apart", async () => {
      rig = await makeRig();
      await usageOf(cached(1_100, "5m", "tenant-a"));
      expect(await usageOf(cached(1_100, "5m", "tenant-b"))).toMatchObject({
        cacheWriteTokens: 1_100,
        cacheReadTokens: 0,
      });
      expect(await usageOf(cached(1_100, "5m", "tenant-A"))).toMatchObject({
        cacheWriteTokens: 1_100,
        cacheReadTokens: 0,
      });
      expect(await usageOf(cached(1_100, "5m", "tenant-a"))).toMatchObject({
        cacheWriteTokens: 0,
        cacheReadTokens: 1_100,
      });
    });

    it("reports 1-hour writes apart from 5-minute ones, prices them at 2x input, keeps them an hour", async () => {
      rig = await makeRig();
      const written = await usageOf(cached(1_100, "1h"));
      expect(written).toMatchObject({ cacheWriteTokens: 1_100, cacheWrite1hTokens: 1_100, inputTokens: 4 });
      // Sonnet 4.6: $3/MTok input, so 3 µ$ a plain token and 6 µ$ a 1-hour write; $15/MTok output.
      expect(costOfUsage(SONNET, written)).toBe(4 * 3 + 1_100 * 6 + written.outputTokens * 15);
      const fiveMinute = await usageOf(cached(1_100, "5m", "tenant-b"));
      expect(fiveMinute).toMatchObject({ cacheWriteTokens: 1_100, cacheWrite1hTokens: 0 });
      expect(costOfUsage(SONNET, fiveMinute)).toBe(4 * 3 + Math.ceil(1_100 * 3.75) + fiveMinute.outputTokens * 15);
      rig.advance(59 * MINUTE);
      expect(await usageOf(cached(1_100, "1h"))).toMatchObject({ cacheReadTokens: 1_100 });
      expect(await usageOf(cached(1_100, "5m", "tenant-b"))).toMatchObject({ cacheWriteTokens: 1_100 });
    });

    it("splits a 1-hour prefix and a 5-minute extension, and outlives the short one", async () => {
      rig = await makeRig();
      const system = [block(prefixOf("brand", 1_200), "1h"), block(prefixOf("examples", 300), "5m")];
      const first = await usageOf(cachedRequest(system));
      expect(first).toMatchObject({
        cacheWriteTokens: 1_500,
        cacheWrite1hTokens: 1_200,
        cacheReadTokens: 0,
        inputTokens: 4,
      });
      rig.advance(10 * MINUTE);
      const later = await usageOf(cachedRequest(system));
      expect(later).toMatchObject({
        cacheReadTokens: 1_200,
        cacheWriteTokens: 300,
        cacheWrite1hTokens: 0,
        inputTokens: 4,
      });
    });

    it("finds an earlier entry when the breakpoint moves forward, and writes only the new part", async () => {
      rig = await makeRig();
      await usageOf(cachedRequest([block(prefixOf("brand", 1_100), "5m")]));
      const grown = cachedRequest([block(prefixOf("brand", 1_100)), block(prefixOf("examples", 200), "5m")]);
      expect(await usageOf(grown)).toMatchObject({ cacheReadTokens: 1_100, cacheWriteTokens: 200, inputTokens: 4 });
    });

    it("refuses a 1-hour breakpoint after a 5-minute one, as the API does", async () => {
      rig = await makeRig();
      const request = cachedRequest([block(prefixOf("a", 1_100), "5m"), block(prefixOf("b", 100), "1h")]);
      const error = await rig.adapter.generate(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: "bad_request", isRetryable: false });
    });
  });
}
