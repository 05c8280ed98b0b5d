import type { Sql } from "@switchyard/db";
import { ProviderError } from "../adapters/provider-error";
import type { GenerateRequest, LlmAdapter } from "../adapters/types";
import { getModel, isMoreCapable, type ModelId, nextModelDown } from "../lib/model-catalog";
import type { BuiltPrompt } from "../prompts/build-prompt";
import { planPromptCache, worstCaseCost } from "../prompts/cache-plan";
import { type CascadeRecord } from "../quality/cascade-record";
import { extendHold, type JudgeRecord } from "../runs";
import { type CompleteGeneration, type CompletionDeps, generateComplete } from "./generate-complete";
import { judgeDraft, judgeEveryDraft, judgeHold, type JudgePlan } from "./judge-run";
import type { RunContext } from "./load-run-context";
import { scoreDraft } from "./record-outcome";

export type CascadePlan =
  { cheap: { model: ModelId; maxTokens: number }; gate: Extract<JudgePlan, { kind: "sampled" }> } | { skipped: string };

/**
 * Whether this run tries the next model down first. Off unless the role turned the cascade on; then skipped,
 * with the reason recorded, for a revision (a reviewer already rejected a draft: the routed model writes it),
 * when nothing cheaper sits at or above the floor, or when the judge the gate needs cannot run.
 */
export function planCascade(ctx: RunContext, routedModel: ModelId, maxTokens: number): CascadePlan | undefined {
  if (!ctx.run.cascadeEnabled) return undefined;
  if (ctx.revision) return { skipped: "a revision: the routed model writes it" };
  const cheap = nextModelDown(routedModel);
  if (!cheap || isMoreCapable(ctx.run.model, cheap)) {
    return { skipped: `nothing cheaper than ${routedModel} at or above the floor ${ctx.run.model}` };
  }
  const gate = judgeEveryDraft(ctx);
  if (gate.kind !== "sampled") return { skipped: `the gate's judge model ${gate.model} is not in the catalog` };
  return { cheap: { model: cheap, maxTokens: Math.min(maxTokens, getModel(cheap).maxOutputTokens) }, gate };
}

export interface CascadeInputs {
  sql: Sql;
  ctx: RunContext;
  attempt: number;
  prompt: BuiltPrompt;
  /** The routed model's request, as the run would send it without a cascade. */
  request: GenerateRequest;
  completion: Omit<CompletionDeps, "extendHold">;
  adapter: LlmAdapter;
  signal?: AbortSignal;
}

export type CascadeResult =
  | {
      outcome: "accepted";
      generation: CompleteGeneration;
      /** The cheaper call's request: what a regeneration of its draft sends. */
      request: GenerateRequest;
      /** Whether the cheaper call's prefix was marked for caching, and why not. */
      cacheNote: string;
      judge: JudgeRecord;
      record: CascadeRecord;
    }
  | { outcome: "escalated" | "skipped"; record: CascadeRecord };

/**
 * The cheaper call and its gate. The hold grows first by that call's worst case and the gate judge's, on top
 * of the routed call's hold already taken, so both calls and the judge are paid from escrow before either is
 * made; a tenant whose balance does not cover that much runs the routed model alone, as without a cascade.
 * The draft is kept when its checks' score and the judge's both reach the role's threshold; otherwise it is
 * discarded, not passed to the routed model: a rejected draft in the prompt would cost its tokens and anchor
 * the better model to what the gate turned down, and the routed call then sends the same prompt (and reads the
 * same cached prefix) as a run without a cascade.
 */
export async function tryCheaperFirst(plan: CascadePlan, c: CascadeInputs): Promise<CascadeResult> {
  const { ctx } = c;
  const routedModel = c.request.model;
  const threshold = ctx.run.cascadeThreshold;
  if ("skipped" in plan) return { outcome: "skipped", record: { outcome: "skipped", ...plan, routedModel, threshold } };
  const { cheap, gate: gateJudge } = plan;
  const { model, maxTokens } = cheap;
  const cache = planPromptCache(c.prompt.prefix, model, ctx.promptCache);
  const request: GenerateRequest = { ...c.request, model, maxTokens, system: cache.system };
  const hold = (amount: number, purpose: "cascade" | "cascade-extended") =>
    extendHold(c.sql, ctx.run.id, c.attempt, amount, `${purpose} ${model}`, purpose);
  const skipped = (why: string): CascadeResult => ({
    outcome: "skipped",
    record: { outcome: "skipped", skipped: why, routedModel, cheapModel: model, threshold },
  });
  if (!(await hold(worstCaseCost(model, request) + judgeHold(gateJudge, maxTokens), "cascade"))) {
    return skipped("the balance does not cover the cheaper call and its judge on top of the routed call");
  }
  let first: CompleteGeneration;
  try {
    first = await generateComplete(request, {
      ...c.completion,
      floor: model,
      extendHold: (amount) => hold(amount, "cascade-extended"),
    });
  } catch (error) {
    // The cheaper model failing is no reason to fail the job: the routed call is already held.
    if (!(error instanceof ProviderError)) throw error;
    return skipped(`the cheaper call failed: ${error.message}`.slice(0, 300));
  }
  const judge = await judgeDraft(gateJudge, true, c.adapter, first.text, c.signal);
  const checks = scoreDraft(ctx, first, c.prompt.targetWords);
  const judgeScore = judge.status === "scored" ? judge.score : undefined;
  const isPassed = checks.score >= threshold && judgeScore !== undefined && judgeScore >= threshold;
  const gate = { checksScore: checks.score, judgeStatus: judge.status, judgeScore, isPassed };
  const base = { routedModel, cheapModel: first.model, threshold, gate };
  if (isPassed) {
    const record: CascadeRecord = { outcome: "accepted", ...base };
    return { outcome: "accepted", generation: first, request, cacheNote: cache.note, judge, record };
  }
  const { usage, costMicros, continuations } = first;
  return {
    outcome: "escalated",
    record: {
      outcome: "escalated",
      ...base,
      discarded: { model: first.model, usage, costMicros, continuations },
      gateJudgeCostMicros: judge.costMicros ?? 0,
    },
  };
}
