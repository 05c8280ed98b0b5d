import type { TaskComplexity } from "../lib/model-router";

/**
 * Succeeded runs that share everything a replay prices by: role, tier, recorded floor, routed model,
 * whether credits or a provider fallback forced that model, whether they were batched or revisions,
 * and how long a prefix they cached. Token counts and costs are sums over the group: prices are linear
 * in tokens, so a group is priced once whatever its size.
 */
export interface ReplayGroup {
  role: string;
  complexity: TaskComplexity;
  /** The floor recorded on the runs (the role's AgentConfig model when they were created). */
  floor: string;
  /** The model the runs ran on. */
  routed: string;
  /** Routed for credits (`credit_limit`) or by a provider fallback: the model was not the policy's choice. */
  isForced: boolean;
  isBatch: boolean;
  isRevision: boolean;
  /**
   * The largest cache minimum of the catalog that the runs' cached prefix (cache reads + writes per run)
   * reached: 0 when nothing was cached, 1 when the prefix was under every minimum.
   */
  cacheBand: number;
  runs: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  cacheWrite1hTokens: bigint;
  /** What the runs were charged, the judge's calls included. */
  actualMicros: bigint;
  judgeMicros: bigint;
  baselineMicros: bigint;
}

/** Token sums as billed: the BigInt twin of TokenUsage, for sums over a million runs. */
export interface UsageSums {
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  cacheWrite1hTokens: bigint;
}
