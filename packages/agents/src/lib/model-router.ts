import { z } from "zod";
import { type AgentRole, isAgentRole } from "./agent-roles";
import { UnknownRoleError, formatUsd } from "./errors";
import { type ModelId, estimateCost, getModel, isMoreCapable } from "./model-catalog";

export { estimateCost, isMoreCapable } from "./model-catalog";

export const TASK_COMPLEXITIES = ["trivial", "simple", "standard", "complex", "expert"] as const;
export type TaskComplexity = (typeof TASK_COMPLEXITIES)[number];

export interface ClassifyTaskInput {
  agentRole: AgentRole;
  /** Target length of the output in words. */
  outputLengthTarget?: number;
  hasRevisionHistory: boolean;
  /** How much brand context the prompt carries; recorded as a signal, not a rule input. */
  contextRichness: "low" | "medium" | "high";
  requiresReasoning: boolean;
}

/** Which rule of the policy fired; kept with the decision as its signal. */
export type ComplexityRule =
  "social_first_draft" | "email_first_draft" | "strategy" | "context_file" | "long_reasoning" | "default";

export interface ComplexityExplanation {
  complexity: TaskComplexity;
  rule: ComplexityRule;
  /** True when revision history kept a social post or email off the cheap tier. */
  isEscalatedByRevision: boolean;
}

/**
 * The spec's policy, first match wins. A cheap heuristic on purpose: it runs before
 * every generation and must cost nothing next to the call it routes.
 */
export function explainTaskComplexity(input: ClassifyTaskInput): ComplexityExplanation {
  const { agentRole: role, hasRevisionHistory } = input;
  if (!isAgentRole(role)) throw new UnknownRoleError(role);
  const isFirstDraftKind = role === "social-post-writer" || role === "email-writer";
  if (isFirstDraftKind && !hasRevisionHistory) {
    const rule = role === "social-post-writer" ? "social_first_draft" : "email_first_draft";
    return { complexity: "simple", rule, isEscalatedByRevision: false };
  }
  const isEscalatedByRevision = isFirstDraftKind;
  if (role === "strategy-writer") return { complexity: "expert", rule: "strategy", isEscalatedByRevision };
  if (role === "context-file-writer") return { complexity: "complex", rule: "context_file", isEscalatedByRevision };
  if (input.requiresReasoning && (input.outputLengthTarget ?? 0) > 1500) {
    return { complexity: "complex", rule: "long_reasoning", isEscalatedByRevision };
  }
  return { complexity: "standard", rule: "default", isEscalatedByRevision };
}

export function classifyTaskComplexity(input: ClassifyTaskInput): TaskComplexity {
  return explainTaskComplexity(input).complexity;
}

export interface TierSelection {
  model: ModelId;
  maxTokens: number;
}

export const MODEL_SELECTION: Readonly<Record<TaskComplexity, TierSelection>> = {
  trivial: { model: "claude-haiku-4-5-20251001", maxTokens: 1024 },
  simple: { model: "claude-haiku-4-5-20251001", maxTokens: 2048 },
  standard: { model: "claude-sonnet-4-6", maxTokens: 8192 },
  complex: { model: "claude-sonnet-4-6", maxTokens: 16384 },
  expert: { model: "claude-opus-4-7", maxTokens: 32768 },
};

/** A tenant's per-role replacement of the tier → model table (maxTokens stay the tier's). */
export const RoutingOverridesSchema = z.record(z.string(), z.partialRecord(z.enum(TASK_COMPLEXITIES), z.string()));
export type RoutingOverrides = z.infer<typeof RoutingOverridesSchema>;

/** `brief:<tier>`: the tier came from what the brief was found to ask (specialist extraction). */
export type RouteReason =
  | `complexity:${TaskComplexity}`
  | `brief:${TaskComplexity}`
  | "revision_history"
  | `floor:${string}`
  | "tenant_override"
  | "credit_limit";

export interface RouteCandidate {
  model: ModelId;
  maxTokens: number;
  reason: RouteReason;
}

/** The floor-respecting models to try, best first: the tier's choice, then Opus's credit fallback. */
export function planRoute(
  agentRole: AgentRole,
  complexity: TaskComplexity,
  floor: ModelId,
  overrides?: RoutingOverrides,
  isEscalatedByRevision = false,
): [RouteCandidate, ...RouteCandidate[]] {
  getModel(floor);
  const tier = MODEL_SELECTION[complexity];
  const override = overrides?.[agentRole]?.[complexity];
  const tierModel = override ?? tier.model;
  getModel(tierModel);
  const tierReason: RouteReason = override
    ? "tenant_override"
    : isEscalatedByRevision
      ? "revision_history"
      : `complexity:${complexity}`;
  const primary = isMoreCapable(floor, tierModel)
    ? { model: floor, maxTokens: capTokens(floor, tier.maxTokens), reason: `floor:${floor}` as const }
    : { model: tierModel, maxTokens: capTokens(tierModel, tier.maxTokens), reason: tierReason };
  const fallback = MODEL_SELECTION.complex;
  const canDowngrade = isMoreCapable(primary.model, fallback.model) && !isMoreCapable(floor, fallback.model);
  if (!canDowngrade) return [primary];
  return [primary, { model: fallback.model, maxTokens: fallback.maxTokens, reason: "credit_limit" }];
}

function capTokens(model: ModelId, maxTokens: number): number {
  return Math.min(maxTokens, getModel(model).maxOutputTokens);
}

/** Holds credits for a candidate; resolves false when the balance cannot cover it. */
export type ReserveCredits = (candidate: RouteCandidate & { amountMicros: number }) => Promise<boolean>;

export interface SelectModelOptions {
  reserve: ReserveCredits;
  estimatedInputTokens: number;
  /**
   * Prices a candidate's worst case when the prompt differs per model (a cache breakpoint marked for one
   * model and not another). @defaultValue `estimatedInputTokens` of plain input plus `maxTokens` of output
   */
  estimateHold?: (model: ModelId, maxTokens: number) => number;
  overrides?: RoutingOverrides;
  isEscalatedByRevision?: boolean;
}

export type RoutingDecision =
  | (RouteCandidate & { outcome: "routed"; complexity: TaskComplexity; estimatedCostMicros: number; tried: ModelId[] })
  | {
      outcome: "refused";
      complexity: TaskComplexity;
      /** The balance could not cover the cheapest allowed model, or (set by the hold) a spend cap would be crossed. */
      reason: "credit_limit" | "budget_cap";
      message: string;
      requiredMicros: number;
      tried: ModelId[];
    };

/**
 * Picks the model for one generation and holds its worst-case cost in escrow. The
 * floor (agentConfig.model) is never undercut; Opus falls back to Sonnet when credits
 * are short; when even the cheapest allowed model is unaffordable nothing is held
 * and the decision says why.
 */
export async function selectModel(
  agentRole: AgentRole,
  complexity: TaskComplexity,
  tenantId: string,
  agentConfig: { model: ModelId },
  options: SelectModelOptions,
): Promise<RoutingDecision> {
  const candidates = planRoute(
    agentRole,
    complexity,
    agentConfig.model,
    options.overrides,
    options.isEscalatedByRevision,
  );
  const tried: ModelId[] = [];
  let requiredMicros = 0;
  for (const candidate of candidates) {
    const amountMicros =
      options.estimateHold?.(candidate.model, candidate.maxTokens) ??
      estimateCost(candidate.model, options.estimatedInputTokens, candidate.maxTokens);
    tried.push(candidate.model);
    requiredMicros = amountMicros;
    if (await options.reserve({ ...candidate, amountMicros })) {
      return { outcome: "routed", complexity, ...candidate, estimatedCostMicros: amountMicros, tried };
    }
  }
  // The last candidate is the cheapest; `at` cannot miss on a non-empty list, the `??` only tells the types so.
  const cheapest = candidates.at(-1) ?? candidates[0];
  return {
    outcome: "refused",
    complexity,
    reason: "credit_limit",
    requiredMicros,
    tried,
    message:
      `Tenant ${tenantId} cannot afford ${cheapest.model} for this ${agentRole} task ` +
      `(needs ${formatUsd(requiredMicros)} held in escrow); nothing was charged.`,
  };
}
