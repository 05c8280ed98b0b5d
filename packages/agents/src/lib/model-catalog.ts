import { UnknownModelError } from "./errors";

/**
 * The models Switchyard can route to, as data. Prices are micro-dollars per million
 * tokens, so $1/MTok is 1 micro-dollar per token and every cost is integer arithmetic.
 * Changing a price means bumping PRICE_BOOK_VERSION: runs record the version they
 * were priced with.
 */
export const PRICE_BOOK_VERSION = "2026-11-01";

export interface ModelSpec {
  id: string;
  family: "haiku" | "sonnet" | "opus";
  /** Higher is more capable; routing compares ranks, never names. */
  capabilityRank: number;
  contextWindow: number;
  maxOutputTokens: number;
  /** Micro-dollars per million tokens. */
  price: { input: number; output: number; cacheWrite: number; cacheRead: number };
  /** Retired models may not be configured as a floor or routed to. */
  isRetired: boolean;
}

function pricePerMTok(inputUsd: number, outputUsd: number): ModelSpec["price"] {
  const input = inputUsd * 1_000_000;
  // Anthropic prices 5-minute cache writes at 1.25x input and cache reads at 0.1x input.
  return { input, output: outputUsd * 1_000_000, cacheWrite: input * 1.25, cacheRead: input / 10 };
}

export const MODEL_CATALOG = {
  "claude-haiku-4-5-20251001": {
    id: "claude-haiku-4-5-20251001",
    family: "haiku",
    capabilityRank: 1,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: pricePerMTok(1, 5),
    isRetired: false,
  },
  "claude-sonnet-4-6": {
    id: "claude-sonnet-4-6",
    family: "sonnet",
    capabilityRank: 2,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: pricePerMTok(3, 15),
    isRetired: false,
  },
  "claude-opus-4-7": {
    id: "claude-opus-4-7",
    family: "opus",
    capabilityRank: 3,
    contextWindow: 200_000,
    maxOutputTokens: 128_000,
    price: pricePerMTok(5, 25),
    isRetired: false,
  },
  "claude-3-5-haiku-20241022": {
    id: "claude-3-5-haiku-20241022",
    family: "haiku",
    capabilityRank: 0,
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    price: pricePerMTok(0.8, 4),
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

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** Exact cost of a provider's reported usage, rounded up to a whole micro-dollar. */
export function costOfUsage(model: ModelId, usage: TokenUsage): number {
  const { price } = getModel(model);
  const microsTimesMillion =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    (usage.cacheWriteTokens ?? 0) * price.cacheWrite +
    (usage.cacheReadTokens ?? 0) * price.cacheRead;
  return Math.ceil(microsTimesMillion / 1_000_000);
}

/** Worst case of a call: all the estimated input plus every allowed output token. */
export function estimateCost(model: ModelId, estimatedInputTokens: number, maxOutputTokens: number): number {
  return costOfUsage(model, { inputTokens: estimatedInputTokens, outputTokens: maxOutputTokens });
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
