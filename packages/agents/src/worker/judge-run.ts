import type { LlmAdapter } from "../adapters/types";
import { getModel } from "../lib/model-catalog";
import { estimateJudgeCost, isJudgeSampled, JUDGE_RUBRIC_VERSION, type JudgeSubject, runJudge } from "../quality/judge";
import type { JudgeRecord } from "../runs";
import type { RunContext } from "./load-run-context";

/** Whether and how the judge grades this run, decided before the hold so the hold can cover it. */
export type JudgePlan =
  | { kind: "not_sampled" }
  | { kind: "unavailable"; model: string; error: string }
  | { kind: "sampled"; model: string; subject: Omit<JudgeSubject, "draft"> };

export function planJudge(ctx: RunContext): JudgePlan {
  if (!isJudgeSampled(ctx.run.id, ctx.judge.mode, ctx.judge.percent)) return { kind: "not_sampled" };
  return judgeEveryDraft(ctx);
}

/** The tenant's judge on this run whatever its sampling (the cascade's gate), unless the catalog lacks its model. */
export function judgeEveryDraft(ctx: RunContext): Exclude<JudgePlan, { kind: "not_sampled" }> {
  try {
    getModel(ctx.judge.model);
  } catch (error) {
    return { kind: "unavailable", model: ctx.judge.model, error: `judge model: ${(error as Error).message}` };
  }
  return { kind: "sampled", model: ctx.judge.model, subject: { role: ctx.role, task: ctx.task, brand: ctx.brand } };
}

/** What to hold for the judge on top of a generation that may write up to `maxTokens`. */
export function judgeHold(plan: JudgePlan, maxTokens: number): number {
  return plan.kind === "sampled" ? estimateJudgeCost(plan.model, plan.subject, maxTokens) : 0;
}

/**
 * Grades the draft when the run was sampled and the hold covered the judge; otherwise says
 * why it was not graded. A judge that fails leaves the run succeeded, with the reason.
 */
export async function judgeDraft(
  plan: JudgePlan,
  isHeld: boolean,
  adapter: LlmAdapter,
  draft: string,
  signal?: AbortSignal,
): Promise<JudgeRecord> {
  if (plan.kind === "not_sampled") return { status: "not_sampled" };
  if (plan.kind === "unavailable") {
    return {
      status: "failed",
      model: plan.model,
      rubricVersion: JUDGE_RUBRIC_VERSION,
      costMicros: 0,
      error: plan.error,
    };
  }
  if (!isHeld) {
    return { status: "skipped", error: "the tenant's credits covered the generation but not the judge's call" };
  }
  const verdict = await runJudge(adapter, plan.model, { ...plan.subject, draft }, signal);
  const base = {
    model: verdict.model,
    rubricVersion: verdict.rubricVersion,
    costMicros: verdict.costMicros,
    inputTokens: verdict.usage?.inputTokens ?? 0,
    outputTokens: verdict.usage?.outputTokens ?? 0,
  };
  if (verdict.status === "failed") return { ...base, status: "failed", error: verdict.error };
  return { ...base, status: "scored", score: verdict.score, scores: verdict.scores };
}
