import type { AgentRole } from "../lib/agent-roles";
import { getModel, isMoreCapable, type ModelId } from "../lib/model-catalog";
import { planRoute } from "../lib/model-router";
import { priceUsage } from "./price-usage";
import type { ReplayGroup, UsageSums } from "./replay-groups";
import type { ReplayPolicy } from "./replay-policy";

/** Roles whose jobs never wait for a Message Batch (context files feed a tenant's setup). */
const ALWAYS_LIVE_ROLES: readonly string[] = ["context-file-writer"];

export interface ReplayedGroup {
  model: ModelId;
  isBatch: boolean;
  usage: UsageSums;
  /** The generation's cost under the policy (the judge's calls are not in it). */
  generationMicros: bigint;
}

/**
 * Prices one group of recorded runs under a policy, with the same token counts (the replay's central
 * assumption). The model is the router's choice for the role and tier under the policy's table and
 * floor (never below the floor); runs that credits or a provider fallback forced onto a model keep it,
 * raised to the policy's floor when that is above it.
 */
export function replayGroup(group: ReplayGroup, policy: ReplayPolicy): ReplayedGroup {
  const role = group.role as AgentRole;
  const floor = policy.floors[role] ?? group.floor;
  const model = group.isForced
    ? isMoreCapable(floor, group.routed)
      ? floor
      : group.routed
    : planRoute(role, group.complexity, floor, policy.routing)[0].model;
  const mode = policy.batch[role] ?? "recorded";
  const canWait = !group.isRevision && !ALWAYS_LIVE_ROLES.includes(group.role);
  const isBatch = mode === "recorded" ? group.isBatch : mode === "all" && canWait;
  const usage = replayCache(group, model, policy.caching);
  return { model, isBatch, usage, generationMicros: priceUsage(model, usage, isBatch) };
}

/**
 * Cache reads and writes stay as recorded on the model that made them. On another model they stay only
 * when the cached prefix reaches that model's documented minimum; otherwise, or with caching off, they
 * are billed as plain input. Runs that cached nothing stay uncached (their prefix length is not known).
 */
export function replayCache(group: ReplayGroup, model: ModelId, caching: ReplayPolicy["caching"]): UsageSums {
  const recorded: UsageSums = {
    inputTokens: group.inputTokens,
    outputTokens: group.outputTokens,
    cacheReadTokens: group.cacheReadTokens,
    cacheWriteTokens: group.cacheWriteTokens,
    cacheWrite1hTokens: group.cacheWrite1hTokens,
  };
  const isCacheKept =
    caching === "recorded" && (model === group.routed || group.cacheBand >= getModel(model).minCacheableTokens);
  if (isCacheKept) return recorded;
  return {
    inputTokens: group.inputTokens + group.cacheReadTokens + group.cacheWriteTokens,
    outputTokens: group.outputTokens,
    cacheReadTokens: 0n,
    cacheWriteTokens: 0n,
    cacheWrite1hTokens: 0n,
  };
}
