import type { Sql } from "@switchyard/db";
import { formatUsd } from "../lib/errors";
import { estimateInputTokens, PRICE_BOOK_VERSION } from "../lib/model-catalog";
import { type ComplexityExplanation, type RouteReason, type RoutingDecision, selectModel } from "../lib/model-router";
import { type BuiltPrompt, systemText } from "../prompts/build-prompt";
import { planPromptCache, type PromptCacheSetting, worstCaseCost } from "../prompts/cache-plan";
import { extendHold, type HoldDecision, startAttempt } from "../runs";
import { readHoldLimit } from "../runs/read-hold-limit";
import { type CapPosition, capsToWarnNow, type HoldLimit } from "../runs/spend-caps";
import { judgeHold, type JudgePlan } from "./judge-run";
import type { RunContext } from "./load-run-context";

/** What a batch decision records for the submitter (max_tokens) and the poller (whether the judge is held). */
export interface BatchSignals {
  maxTokens: number;
  isJudgeHeld: boolean;
  /** The reason the route would have had live; the run's own reason is `batch`. */
  tierReason: string;
}

/** Another execution of the same job (a stalled job's replay) started this attempt first. */
export class AttemptSupersededError extends Error {}

export interface HeldRoute {
  decision: RoutingDecision;
  /** The hold covers the judge's call too (it was sampled and the tenant could afford both). */
  isJudgeHeld: boolean;
  /** The signals recorded with the decision: the rule, its inputs, the floor, what was tried. */
  signals: object;
  /** Caps the hold brought to 80% or more whose warning has not gone out this period. */
  capWarnings: CapPosition[];
}

export interface RouteInputs {
  ctx: RunContext;
  attempt: number;
  prompt: BuiltPrompt;
  /** `isTierFromBrief`: the brief's signals chose the tier; the reason then says `brief:<tier>`. */
  explanation: ComplexityExplanation & { inputs: object; isTierFromBrief?: boolean };
  judge: JudgePlan;
  source: "real" | "simulated";
  promptCache: PromptCacheSetting;
  /** The generation will wait in a Message Batch: held at batch prices, recorded with reason `batch`. */
  isBatch?: boolean;
  /** Which router decided the tier and why (worker/hybrid), recorded with the signals. */
  router?: object;
  /**
   * The hybrid router started the attempt to hold its classifier's call: each candidate's hold then extends
   * that one (purpose `route`, with the decision) instead of starting the attempt.
   */
  isAttemptStarted?: boolean;
}

/**
 * Routes the task and starts the attempt with its hold, in one statement per candidate. When
 * the judge is sampled, each candidate is first held with the judge's worst case on top, then
 * without it: a tenant short of credits loses the evaluation before it loses the model.
 */
export async function routeAndHold(sql: Sql, r: RouteInputs): Promise<HeldRoute> {
  const { ctx, explanation } = r;
  const tried: string[] = [];
  const signals = (batch?: BatchSignals) => ({
    rule: explanation.rule,
    inputs: explanation.inputs,
    floor: ctx.run.model,
    tried: [...tried],
    attempt: r.attempt,
    judge: r.judge.kind,
    ...(r.router && { router: r.router }),
    ...(batch && { batch }),
  });
  let isJudgeHeld = false;
  let capWarnings: CapPosition[] = [];
  // What turned the last candidate down: a spend cap, or the balance.
  let lastRefusal: { limit: HoldLimit; caps: CapPosition[] } | undefined;
  // The tier's own reason names the brief when the brief moved the tier; a floor, override or fallback stays.
  const tierReason = `complexity:${explanation.complexity}`;
  const reasonOf = (reason: RouteReason): RouteReason =>
    explanation.isTierFromBrief && reason === tierReason ? `brief:${explanation.complexity}` : reason;
  const decision = await selectModel(
    ctx.role,
    explanation.complexity,
    ctx.run.tenantId,
    { model: ctx.run.model },
    {
      estimatedInputTokens: estimateInputTokens(systemText(r.prompt.prefix).length + r.prompt.user.length),
      // Held as if the marked prefix were written (1.25x or 2x input), the dearest way a call can use the cache.
      estimateHold: (model, maxTokens) =>
        worstCaseCost(
          model,
          {
            system: planPromptCache(r.prompt.prefix, model, r.promptCache).system,
            messages: [{ role: "user", content: r.prompt.user }],
            maxTokens,
          },
          { isBatch: r.isBatch },
        ),
      overrides: ctx.overrides,
      isEscalatedByRevision: explanation.isEscalatedByRevision,
      reserve: async (candidate) => {
        tried.push(candidate.model);
        const withJudge = judgeHold(r.judge, candidate.maxTokens);
        const amounts =
          withJudge > 0 ? [candidate.amountMicros + withJudge, candidate.amountMicros] : [candidate.amountMicros];
        for (const [i, amountMicros] of amounts.entries()) {
          // What the batch submitter and poller need later, from another process maybe: kept with the decision.
          const batch = r.isBatch
            ? {
                maxTokens: candidate.maxTokens,
                isJudgeHeld: withJudge > 0 && i === 0,
                tierReason: reasonOf(candidate.reason),
              }
            : undefined;
          const decision: HoldDecision = {
            complexity: explanation.complexity,
            model: candidate.model,
            reason: batch ? "batch" : reasonOf(candidate.reason),
            signals: signals(batch),
            priceBookVersion: PRICE_BOOK_VERSION,
          };
          if (r.isAttemptStarted) {
            if (await extendHold(sql, ctx.run.id, r.attempt, amountMicros, candidate.model, "route", decision)) {
              isJudgeHeld = withJudge > 0 && i === 0;
              const position = await readHoldLimit(sql, ctx.run.id, 0);
              capWarnings = capsToWarnNow(position.caps, position.warned);
              return true;
            }
            // extendHold says only no: read whether the balance or a cap said it, for the refusal's reason.
            lastRefusal = await readHoldLimit(sql, ctx.run.id, amountMicros);
            continue;
          }
          const held = await startAttempt(sql, {
            runId: ctx.run.id,
            amountMicros,
            attempt: r.attempt,
            note: candidate.model,
            source: r.source,
            decision,
          });
          if (!held.isStarted && held.isSuperseded) throw new AttemptSupersededError();
          if (held.isStarted) {
            isJudgeHeld = withJudge > 0 && i === 0;
            capWarnings = capsToWarnNow(held.caps, held.warned);
            return true;
          }
          lastRefusal = { limit: held.limit, caps: held.caps };
        }
        return false;
      },
    },
  );
  const routed =
    decision.outcome === "routed"
      ? { ...decision, reason: reasonOf(decision.reason) }
      : lastRefusal && lastRefusal.limit !== "balance"
        ? capRefusal(decision, ctx, lastRefusal.limit, lastRefusal.caps)
        : decision;
  return { decision: routed, isJudgeHeld, signals: signals(), capWarnings };
}

/** A refusal by a spend cap: reason `budget_cap`, and a message that names the cap and where spend stands. */
function capRefusal(
  decision: Extract<RoutingDecision, { outcome: "refused" }>,
  ctx: RunContext,
  limit: Exclude<HoldLimit, "balance">,
  caps: CapPosition[],
): Extract<RoutingDecision, { outcome: "refused" }> {
  const period = limit === "daily_cap" ? "daily" : "monthly";
  const cap = caps.find((c) => c.period === period);
  const spent = cap
    ? ` (${formatUsd(cap.spentMicros)} spent or held ${period === "daily" ? "today" : "this month"}, UTC)`
    : "";
  return {
    ...decision,
    reason: "budget_cap",
    message:
      `This ${ctx.role} task would cross tenant ${ctx.run.tenantId}'s ${period} spend cap` +
      `${cap ? ` of ${formatUsd(cap.capMicros)}` : ""}${spent}: it needs ${formatUsd(decision.requiredMicros)} ` +
      `held for ${decision.tried.at(-1) ?? "its floor"}; nothing was charged.`,
  };
}
