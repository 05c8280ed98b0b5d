import { getModel, type ModelId } from "../lib/model-catalog";
import type { UsageSums } from "./replay-groups";

/**
 * costOfUsage over token sums: the same prices and the same single rounding up, in BigInt, since a
 * million runs' output tokens times Opus's price passes Number's exact range. Rounding once per group
 * instead of once per run makes a replay at most a micro-dollar per run cheaper than per-run billing.
 */
export function priceUsage(model: ModelId, usage: UsageSums, isBatch: boolean): bigint {
  const { price } = getModel(model);
  const writes5m = usage.cacheWriteTokens - usage.cacheWrite1hTokens;
  const microsTimesMillion =
    usage.inputTokens * BigInt(price.input) +
    usage.outputTokens * BigInt(price.output) +
    writes5m * BigInt(price.cacheWrite) +
    usage.cacheWrite1hTokens * BigInt(price.cacheWrite1h) +
    usage.cacheReadTokens * BigInt(price.cacheRead);
  const divisor = isBatch ? 2_000_000n : 1_000_000n;
  return (microsTimesMillion + divisor - 1n) / divisor;
}
