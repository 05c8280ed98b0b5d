import type { LlmAdapter } from "../../adapters/types";
import { ProviderError } from "../../adapters/provider-error";
import { costOfUsage, estimateCost, estimateInputTokens, type TokenUsage } from "../../lib/model-catalog";
import { describeIssues } from "../../lib/errors";
import { JUDGE_MAX_TOKENS, judgeInstructions, judgeRequest, type JudgeSubject } from "./judge-prompt";
import { JUDGE_RUBRIC_VERSION, JudgeScoresSchema, type JudgeScores, overallScore } from "./rubric";

export type JudgeVerdict = {
  model: string;
  rubricVersion: string;
  /** What the judge's call cost; 0 when the provider answered with an error (errors are not billed). */
  costMicros: number;
  usage?: TokenUsage;
} & ({ status: "scored"; score: number; scores: JudgeScores } | { status: "failed"; error: string });

/**
 * Grades one draft with the LLM judge: one forced `record_scores` call, validated with zod.
 * Never throws for the judge's own failures — a provider error, no tool call, or scores that do
 * not fit the rubric leave the run succeeded with the judge "failed" and the reason. No retry:
 * the judge samples quality, and a second paid call to grade one piece is not worth it.
 */
export async function runJudge(
  adapter: LlmAdapter,
  model: string,
  subject: JudgeSubject,
  signal?: AbortSignal,
): Promise<JudgeVerdict> {
  const base = { model, rubricVersion: JUDGE_RUBRIC_VERSION };
  let result;
  try {
    result = await adapter.generate(judgeRequest(model, subject, signal));
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ...base, status: "failed", error: `judge call failed: ${error.message}`, costMicros: 0 };
  }
  const costMicros = costOfUsage(model, result.usage);
  const charged = { ...base, costMicros, usage: result.usage };
  if (!result.toolUse) {
    return { ...charged, status: "failed", error: `judge answered without scores (stop: ${result.stopReason})` };
  }
  const parsed = JudgeScoresSchema.safeParse(result.toolUse.input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues, "scores").join("; ");
    return { ...charged, status: "failed", error: `judge scores did not fit the rubric: ${issues}`.slice(0, 500) };
  }
  return { ...charged, status: "scored", score: overallScore(parsed.data), scores: parsed.data };
}

/**
 * The most a judge call on this subject can cost, held with the generation: its instructions,
 * a draft as long as the generation may write (`draftMaxTokens`), and a full answer.
 */
export function estimateJudgeCost(model: string, subject: Omit<JudgeSubject, "draft">, draftMaxTokens: number): number {
  const { system, task } = judgeInstructions(subject);
  const inputTokens = estimateInputTokens(system.length + task.length) + draftMaxTokens;
  return estimateCost(model, inputTokens, JUDGE_MAX_TOKENS);
}
