import { z } from "zod";
import { approxTokens } from "../adapters/prompt-segments";
import type { CacheTtl, GenerateRequest, SystemBlock } from "../adapters/types";
import { costOfUsage, estimateInputTokens, getModel, type ModelId } from "../lib/model-catalog";
import type { PrefixBlocks } from "./build-prompt";

/** A tenant's prompt-cache setting: the TTL of its cached prefix, or off. */
export const PromptCacheSettingSchema = z.enum(["5m", "1h", "off"]);
export type PromptCacheSetting = z.infer<typeof PromptCacheSettingSchema>;

export interface CachePlan {
  /**
   * The prefix as system blocks; when the prefix is marked, the last one carries a breakpoint, and so does the
   * block before the examples when what precedes them reaches the model's minimum on its own.
   */
  system: SystemBlock[];
  /** The prefix's length as the provider would count it (about four characters a token). */
  prefixTokens: number;
  ttl?: CacheTtl;
  /** Why the prefix was or was not marked; stored on the run. */
  note: string;
}

/**
 * Marks the stable prefix for caching on one model, or says why not. The API ignores a breakpoint
 * on a prefix shorter than the model's documented minimum (nothing is written or read), so such a
 * prefix is left unmarked and the run records it; the same prefix may be long enough for a model
 * with a lower minimum.
 */
export function planPromptCache(prefix: PrefixBlocks, model: ModelId, setting: PromptCacheSetting): CachePlan {
  const texts = [prefix.instructions, prefix.brand, prefix.examples].filter(Boolean);
  const prefixTokens = texts.reduce((n, text) => n + approxTokens(text), 0);
  const system: SystemBlock[] = texts.map((text) => ({ text }));
  const { minCacheableTokens } = getModel(model);
  // The examples change with the job (see examples/examples-mode.ts) while what comes before them does not:
  // a second breakpoint just before them keeps that part readable when a job's examples differ.
  const beforeExamples = prefix.examples ? prefixTokens - approxTokens(prefix.examples) : 0;
  const marks = new Set([texts.length - 1]);
  if (prefix.examples && texts.length > 1 && beforeExamples >= minCacheableTokens) marks.add(texts.length - 2);
  const marked = (ttl: CacheTtl) =>
    texts.map((text, i): SystemBlock => (marks.has(i) ? { text, cacheBreakpoint: { ttl } } : { text }));
  if (setting === "off") return { system, prefixTokens, note: "not marked: the tenant's prompt cache is off" };
  if (prefixTokens < minCacheableTokens) {
    return {
      system,
      prefixTokens,
      note: `not marked: prefix ~${prefixTokens} tokens, under ${model}'s minimum of ${minCacheableTokens}`,
    };
  }
  return {
    system: marked(setting),
    prefixTokens,
    ttl: setting,
    note:
      `marked (${setting}): prefix ~${prefixTokens} tokens` +
      (marks.size > 1 ? `, and before the examples at ~${beforeExamples}` : ""),
  };
}

/**
 * The most a request can cost: every input token at a conservative estimate, output at its
 * max_tokens, and a marked prefix priced as a cache write at its TTL (the dearest case: a
 * write bills 1.25x or 2x input, a read 0.1x). What escrow holds before the call; inside a Message
 * Batch all of it bills at half, caching included, so a batch request is held at half.
 */
export function worstCaseCost(
  model: ModelId,
  request: Pick<GenerateRequest, "system" | "messages" | "maxTokens">,
  options: { isBatch?: boolean } = {},
) {
  const blocks = typeof request.system === "string" ? [{ text: request.system }] : request.system;
  const lastMark = blocks.findLastIndex((b) => b.cacheBreakpoint);
  const chars = (list: { text: string }[]) => list.reduce((n, b) => n + b.text.length, 0);
  const cachedChars = chars(blocks.slice(0, lastMark + 1));
  const plainChars = chars(blocks.slice(lastMark + 1)) + request.messages.reduce((n, m) => n + m.content.length, 0);
  const writes = cachedChars > 0 ? estimateInputTokens(cachedChars) : 0;
  // The longest TTL among the marks bills the prefix at its price: price every write as that one.
  const isHour = blocks.some((b) => b.cacheBreakpoint?.ttl === "1h");
  return costOfUsage(
    model,
    {
      inputTokens: estimateInputTokens(plainChars),
      outputTokens: request.maxTokens,
      cacheWriteTokens: writes,
      cacheWrite1hTokens: isHour ? writes : 0,
    },
    options,
  );
}
