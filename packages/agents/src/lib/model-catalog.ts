import { SwitchyardError, UnknownModelError } from "./errors";

/**
 * The models Switchyard can route to, as data. Prices are micro-dollars per million
 * tokens, so $1/MTok is 1 micro-dollar per token and every cost is integer arithmetic.
 * Changing a price means bumping PRICE_BOOK_VERSION: runs record the version they
 * were priced with.
 */
export const PRICE_BOOK_VERSION = "2026-11-02";

export interface ModelSpec {
  id: string;
  family: "haiku" | "sonnet" | "opus";
  /** Higher is more capable; routing compares ranks, never names. */
  capabilityRank: number;
  contextWindow: number;
  maxOutputTokens: number;
  /**
   * Micro-dollars per million tokens. `cacheWrite` is a 5-minute cache write, `cacheWrite1h` a 1-hour one,
   * `cacheRead` a cache hit (or refresh).
   */
  price: { input: number; output: number; cacheWrite: number; cacheWrite1h: number; cacheRead: number };
  /**
   * The shortest prefix, in tokens, the API caches. A breakpoint on a shorter prefix is ignored without an
   * error: nothing is written or read, and every token is billed as plain input.
   */
  minCacheableTokens: number;
  /** Retired models may not be configured as a floor or routed to. */
  isRetired: boolean;
}

function pricePerMTok(inputUsd: number, outputUsd: number): ModelSpec["price"] {
  const input = inputUsd * 1_000_000;
  // Anthropic prices cache writes at 1.25x input (5-minute TTL) or 2x input (1-hour TTL), and reads at 0.1x.
  const output = outputUsd * 1_000_000;
  return { input, output, cacheWrite: input * 1.25, cacheWrite1h: input * 2, cacheRead: input / 10 };
}

/*
 * Minimum cacheable prompt lengths, from "Prompt caching" (cache limitations) at
 * https://platform.claude.com/docs/en/build-with-claude/prompt-caching, as quoted verbatim in 2026:
 * 4,096 tokens for Claude Haiku 4.5; 1,024 for Claude Sonnet 4.6; 2,048 for Claude Opus 4.7 and for
 * Claude Haiku 3.5. Earlier revisions of the page listed 4,096 for Opus 4.7. Users report Sonnet 4.6
 * caching only from about 2,048 (anthropics/anthropic-sdk-python#1194); we keep the documented figure:
 * a breakpoint under the real threshold costs nothing, it only fails to save.
 */

export const MODEL_CATALOG = {
  "claude-haiku-4-5-20251001": {
    id: "claude-haiku-4-5-20251001",
    family: "haiku",
    capabilityRank: 1,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: pricePerMTok(1, 5),
    minCacheableTokens: 4_096,
    isRetired: false,
  },
  "claude-sonnet-4-6": {
    id: "claude-sonnet-4-6",
    family: "sonnet",
    capabilityRank: 2,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: pricePerMTok(3, 15),
    minCacheableTokens: 1_024,
    isRetired: false,
  },
  "claude-opus-4-7": {
    id: "claude-opus-4-7",
    family: "opus",
    capabilityRank: 3,
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    price: pricePerMTok(5, 25),
    minCacheableTokens: 2_048,
    isRetired: false,
  },
  "claude-3-5-haiku-20241022": {
    id: "claude-3-5-haiku-20241022",
    family: "haiku",
    capabilityRank: 0,
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    price: pricePerMTok(0.8, 4),
    minCacheableTokens: 2_048,
    isRetired: true,
  },
} as const satisfies Record<string, ModelSpec>;

export type CatalogModelId = keyof typeof MODEL_CATALOG;
/** Model ids travel as strings (DB rows, payloads); they are checked against the catalog. */
export type ModelId = string;

export const ACTIVE_MODEL_IDS: readonly string[] = Object.values(MODEL_CATALOG)
  .filter((m: ModelSpec) => !m.isRetired)
  .map((m) => m.id);

/** Returns the catalog entry of an active model, or throws UnknownModelError. */
export function getModel(id: ModelId): ModelSpec {
  const spec: ModelSpec | undefined = (MODEL_CATALOG as Record<string, ModelSpec>)[id];
  if (!spec) throw new UnknownModelError(id);
  if (spec.isRetired) throw new UnknownModelError(id, "is retired; choose one of " + ACTIVE_MODEL_IDS.join(", "));
  return spec;
}

export function isMoreCapable(a: ModelId, b: ModelId): boolean {
  return getModel(a).capabilityRank > getModel(b).capabilityRank;
}

/** Tokens a provider reported for one call, split the way they are billed. */
export interface TokenUsage {
  /** Input billed at the base rate: with prompt caching, only the tokens after the last cache breakpoint. */
  inputTokens: number;
  outputTokens: number;
  /** Input read from the prompt cache (0.1x input). */
  cacheReadTokens?: number;
  /** Every token written to the prompt cache, whatever its TTL: 5-minute and 1-hour writes together. */
  cacheWriteTokens?: number;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL (2x input); the rest are 5-minute writes (1.25x). */
  cacheWrite1hTokens?: number;
}

export interface CostOptions {
  /** Message Batches bill every token class at 50% of the live price. @defaultValue false */
  isBatch?: boolean;
}

/** Usage that cannot be priced: negative or fractional counts, or more 1-hour writes than writes. */
export class InvalidUsageError extends SwitchyardError {
  constructor(detail: string) {
    super("invalid_usage", `Token usage cannot be priced: ${detail}.`);
  }
}

/**
 * Exact cost of a provider's reported usage in micro-dollars, rounded up once. Prices are whole
 * micro-dollars per million tokens, so the sum before the one division is an exact integer.
 */
export function costOfUsage(model: ModelId, usage: TokenUsage, options: CostOptions = {}): number {
  const { price } = getModel(model);
  const writes = usage.cacheWriteTokens ?? 0;
  const writes1h = usage.cacheWrite1hTokens ?? 0;
  const counts = [usage.inputTokens, usage.outputTokens, usage.cacheReadTokens ?? 0, writes, writes1h];
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new InvalidUsageError(`token counts must be whole and non-negative, got ${JSON.stringify(usage)}`);
  }
  if (writes1h > writes) throw new InvalidUsageError(`${writes1h} 1-hour cache writes out of ${writes} in all`);
  const microsTimesMillion =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    (writes - writes1h) * price.cacheWrite +
    writes1h * price.cacheWrite1h +
    (usage.cacheReadTokens ?? 0) * price.cacheRead;
  if (!Number.isSafeInteger(microsTimesMillion)) throw new InvalidUsageError("the total is too large to price exactly");
  return Math.ceil(microsTimesMillion / (options.isBatch ? 2_000_000 : 1_000_000));
}

/** Worst case of a call: all the estimated input plus every allowed output token. */
export function estimateCost(
  model: ModelId,
  estimatedInputTokens: number,
  maxOutputTokens: number,
  options: CostOptions = {},
): number {
  return costOfUsage(model, { inputTokens: estimatedInputTokens, outputTokens: maxOutputTokens }, options);
}

/**
 * Conservative input-token estimate for a prompt (about 3.5 characters a token for
 * English prose, rounded up), so a reservation covers the real count.
 */
export function estimateInputTokens(promptChars: number): number {
  return Math.ceil(promptChars / 3) + 16;
}

/** The active model one capability step below, for falling back when a model is overloaded. */
export function nextModelDown(model: ModelId): ModelId | undefined {
  const rank = getModel(model).capabilityRank;
  const below = Object.values(MODEL_CATALOG as Record<string, ModelSpec>)
    .filter((m) => !m.isRetired && m.capabilityRank < rank)
    .sort((a, b) => b.capabilityRank - a.capabilityRank);
  return below[0]?.id;
}
