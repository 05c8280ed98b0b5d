import type { Sql } from "@switchyard/db";
import type { LlmAdapter } from "../../adapters/types";
import type { TaskComplexity } from "../../lib/model-router";
import { findTierBoundary, RouterModeSchema } from "../../lib/tier-boundary";
import type { RouterRecord } from "../../quality/router-record";
import { startAttempt } from "../../runs";
import type { BriefRouting } from "../brief-routing";
import type { RunContext } from "../load-run-context";
import { AttemptSupersededError } from "../route-and-hold";
import { type ClassifierSubject, classifyTier, estimateClassifierCost } from "./classify-tier";
import type { RouterBreaker } from "./router-breaker";

/** The hybrid router's process-wide parts: its breaker and the classifier's timeout. */
export interface HybridRouter {
  breaker: RouterBreaker;
  timeoutMs: number;
}

export interface TierDecision {
  complexity: TaskComplexity;
  /** The brief's signals chose the tier (and the heuristic decided it). */
  isTierFromBrief: boolean;
  /** Revision history lifted a short form's tier (and the classifier did not bring it back down). */
  isEscalatedByRevision: boolean;
  router: RouterRecord;
  /**
   * The attempt was started to hold the classifier's call: the route's hold then extends it (extendHold,
   * purpose "route") instead of starting it.
   */
  isAttemptStarted: boolean;
  /** What the classifier's call cost: charged at settlement with the run. */
  overheadMicros: number;
}

export interface DecideTierInputs {
  sql: Sql;
  ctx: RunContext;
  routing: BriefRouting;
  attempt: number;
  adapter: LlmAdapter;
  source: "real" | "simulated";
  router: HybridRouter;
  isBatch?: boolean;
  signal?: AbortSignal;
}

/**
 * The tier of this run: the heuristic's, unless the role's router mode is hybrid, the task is a close call
 * (lib/tier-boundary.ts), the breaker is closed and the tenant can afford the classifier's worst case. Then
 * the attempt starts with that hold (so the call is paid from escrow before it is made), the classifier
 * picks one of the close call's two tiers, and its cost is charged with the run. The classifier only
 * chooses the tier: the floor, overrides and credit fallbacks of selectModel apply to it unchanged.
 */
export async function decideTier(d: DecideTierInputs): Promise<TierDecision> {
  const { explanation, inputs } = d.routing;
  const mode = RouterModeSchema.catch("heuristic").parse(d.ctx.run.routerMode);
  const heuristic = (why: string, extra: Partial<RouterRecord> = {}): TierDecision => ({
    complexity: explanation.complexity,
    isTierFromBrief: d.routing.isTierFromBrief,
    isEscalatedByRevision: explanation.isEscalatedByRevision,
    router: { mode, decidedBy: "heuristic", why, heuristicTier: explanation.complexity, ...extra },
    isAttemptStarted: false,
    overheadMicros: 0,
  });
  if (d.isBatch) return heuristic("the batch lane routes with the heuristic, as its lane was planned");
  // Recorded in either mode, so a replay can count the close calls the heuristic decided.
  const boundary = findTierBoundary(inputs, explanation, d.routing.brief);
  if (mode === "heuristic") return heuristic("router mode heuristic", boundary && { boundary });
  if (!boundary) return heuristic("not near a tier boundary");
  const admission = d.router.breaker.admit();
  if (!admission.isAllowed) return heuristic(admission.why, { boundary });
  const subject = classifierSubject(d.ctx, d.routing, boundary);
  const heldMicros = estimateClassifierCost(subject);
  const held = await startAttempt(d.sql, {
    runId: d.ctx.run.id,
    amountMicros: heldMicros,
    attempt: d.attempt,
    note: "router classifier",
    source: d.source,
  });
  if (!held.isStarted && held.isSuperseded) throw new AttemptSupersededError();
  if (!held.isStarted) {
    const limit =
      held.limit === "balance" ? "the balance" : `the ${held.limit === "daily_cap" ? "daily" : "monthly"} cap`;
    return heuristic(`${limit} does not cover the classifier's call`, { boundary });
  }
  const result = await classifyTier(d.adapter, subject, { timeoutMs: d.router.timeoutMs, signal: d.signal });
  d.router.breaker.recordCall(result.status === "chosen", result.latencyMs);
  const classifier = {
    model: result.model,
    status: result.status,
    ...(result.status === "chosen" ? { tier: result.tier, reason: result.reason } : { error: result.error }),
    costMicros: result.costMicros,
    latencyMs: result.latencyMs,
    heldMicros,
    inputTokens: result.usage?.inputTokens ?? 0,
    outputTokens: result.usage?.outputTokens ?? 0,
  };
  const base = { isAttemptStarted: true, overheadMicros: result.costMicros };
  if (result.status === "failed") {
    return { ...heuristic(`the classifier failed: ${result.error}`, { boundary, classifier }), ...base };
  }
  const isHeuristicTier = result.tier === explanation.complexity;
  return {
    complexity: result.tier,
    isTierFromBrief: false,
    isEscalatedByRevision: explanation.isEscalatedByRevision && isHeuristicTier,
    router: {
      mode,
      decidedBy: "classifier",
      why: `${boundary.rule}: the classifier chose ${result.tier}${isHeuristicTier ? " (as the heuristic)" : ""}`,
      heuristicTier: explanation.complexity,
      boundary,
      classifier,
    },
    ...base,
  };
}

function classifierSubject(ctx: RunContext, routing: BriefRouting, boundary: ClassifierSubject["boundary"]) {
  return {
    role: ctx.role,
    topic: ctx.task.topic,
    brief: ctx.task.brief,
    targetWords: routing.inputs.outputLengthTarget,
    requiresReasoning: routing.inputs.requiresReasoning,
    hasRevisionHistory: routing.inputs.hasRevisionHistory,
    feedback: ctx.revision?.feedback,
    analysisCues: routing.brief?.analysisCues ?? [],
    boundary,
  };
}
