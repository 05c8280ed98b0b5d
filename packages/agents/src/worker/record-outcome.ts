import type { Sql } from "@switchyard/db";
import type { GenerationOutcome } from "./generate-with-fallback";
import { failRun, requeueRun, settleRun } from "../runs";
import { costOfUsage, getModel, PRICE_BOOK_VERSION } from "../lib/model-catalog";
import { MODEL_SELECTION } from "../lib/model-router";
import { scoreContent } from "../quality/score-content";
import { CONTENT_KIND_BY_ROLE, titleOf } from "../tasks/content-kind";
import type { RunContext } from "./load-run-context";

/**
 * Settles, stores the content, marks the run succeeded and counts it in the rollup,
 * all in settlement's one statement: a crash before its commit leaves the hold in
 * place for the next attempt to release, and a duplicate execution that finds the
 * run settled writes nothing.
 */
export async function recordSuccess(
  sql: Sql,
  ctx: RunContext,
  outcome: GenerationOutcome,
  routeReason: string,
  targetWords: number,
): Promise<{ isRecorded: boolean; qualityScore: number }> {
  const { run, task, brand, role } = ctx;
  const { result, model } = outcome;
  const quality = scoreContent({
    role,
    text: result.text,
    targetWords,
    keywords: task.keywords,
    bannedPhrases: brand.bannedPhrases,
    requiredPhrases: brand.requiredPhrases,
  });
  const settlement = await settleRun(sql, run.id, costOfUsage(model, result.usage), {
    model,
    routeReason,
    usage: result.usage,
    baselineCostMicros: baselineCost(run.baselineModel, result.usage),
    priceBookVersion: PRICE_BOOK_VERSION,
    isSimulated: result.isSimulated,
    content: {
      kind: CONTENT_KIND_BY_ROLE[role],
      title: titleOf(result.text, task.topic),
      body: result.text,
      qualityScore: quality.score,
      qualityChecks: quality.checks,
    },
  });
  return { isRecorded: settlement.isSettled, qualityScore: quality.score };
}

/** Savings are measured against one model for everything; a bad setting falls back to the standard tier's. */
function baselineCost(baselineModel: string, usage: Parameters<typeof costOfUsage>[1]): number {
  try {
    getModel(baselineModel);
    return costOfUsage(baselineModel, usage);
  } catch {
    return costOfUsage(MODEL_SELECTION.standard.model, usage);
  }
}

/** Ends the attempt with its error and its hold returned: queued for a retry, or failed on the last attempt. */
export async function recordFailure(
  sql: Sql,
  runId: string,
  attempt: number,
  error: unknown,
  isFinal: boolean,
): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  if (isFinal) await failRun(sql, runId, attempt, message);
  else await requeueRun(sql, runId, attempt, `attempt ${attempt} failed, will retry: ${message}`);
}
