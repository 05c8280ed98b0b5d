import type { Sql } from "@switchyard/db";
import type { CompleteGeneration } from "./generate-complete";
import { failRun, type JudgeRecord, requeueRun, settleRun } from "../runs";
import { approxTokens } from "../adapters/prompt-segments";
import { costOfUsage, getModel, PRICE_BOOK_VERSION, type TokenUsage } from "../lib/model-catalog";
import { MODEL_SELECTION } from "../lib/model-router";
import { scoreContent } from "../quality/score-content";
import { CONTENT_KIND_BY_ROLE, titleOf } from "../tasks/content-kind";
import type { RunContext } from "./load-run-context";
import type { CascadeRecord } from "../quality/cascade-record";
import type { GuardedDraft } from "./guard-draft";

export interface Evaluated {
  generation: CompleteGeneration;
  judge: JudgeRecord;
  routeReason: string;
  targetWords: number;
  /** The generation came from a Message Batch: `generation.costMicros` is at batch prices. */
  isBatch?: boolean;
  prompt: {
    /** Whether the stable prefix was marked for caching, and why not. */
    cacheNote: string;
    exampleCount: number;
    /** The examples block as sent: a plain deployment would not send it, so the baseline leaves it out. */
    examples: string;
  };
  /** What the near-duplicate guard found; `generation` is then the draft it kept, charged for every call. */
  guarded?: Pick<GuardedDraft, "regenerations" | "record" | "embedding">;
  /**
   * The cascade, when the role has it on. Escalated, its discarded cheaper call and the gate's judge are
   * charged with the run; the run's tokens, cache saving and baseline are the kept draft's.
   */
  cascade?: CascadeRecord;
  /** The hybrid router's classifier call (routing overhead), charged with the run; recorded in its signals. */
  routingOverheadMicros?: number;
}

/** The deterministic checks of a draft against its task and the tenant's brand rules. */
export function scoreDraft(ctx: RunContext, generation: CompleteGeneration, targetWords: number) {
  const { task, brand, role } = ctx;
  return scoreContent({
    role,
    text: generation.text,
    targetWords,
    keywords: task.keywords,
    bannedPhrases: brand.bannedPhrases,
    requiredPhrases: brand.requiredPhrases,
    isTruncated: generation.isTruncated,
    briefItems: ctx.brief ? [...ctx.brief.products, ...ctx.brief.callsToAction] : [],
  });
}

/**
 * Scores the piece with the deterministic checks and settles: charges the generation's calls
 * and the judge's, stores the content with both signals, marks the run succeeded and counts it
 * in the rollup, all in settlement's one statement. A crash before its commit leaves the hold
 * for the next attempt to release; a duplicate execution that finds the run settled writes nothing.
 */
export async function recordSuccess(sql: Sql, ctx: RunContext, evaluated: Evaluated) {
  const { run, task, role } = ctx;
  const { generation, judge } = evaluated;
  const checks = scoreDraft(ctx, generation, evaluated.targetWords);
  const calls = 1 + generation.continuations + (evaluated.guarded?.regenerations ?? 0);
  const plain = uncached(generation.usage);
  const baselineUsage = {
    inputTokens: Math.max(0, plain.inputTokens - calls * approxTokens(evaluated.prompt.examples)),
    outputTokens: plain.outputTokens,
  };
  // Savings telescope: caching's at live prices (uncached − cached), the batch's from there (live − batch).
  const liveCost = evaluated.isBatch ? costOfUsage(generation.model, generation.usage) : generation.costMicros;
  const discarded = evaluated.cascade?.discarded;
  const discardedCacheSaving = discarded
    ? costOfUsage(discarded.model, uncached(discarded.usage)) - discarded.costMicros
    : 0;
  const cascadeCharge = (discarded?.costMicros ?? 0) + (evaluated.cascade?.gateJudgeCostMicros ?? 0);
  const overhead = evaluated.routingOverheadMicros ?? 0;
  const charge = generation.costMicros + (judge.costMicros ?? 0) + cascadeCharge + overhead;
  const settlement = await settleRun(sql, run.id, charge, {
    model: generation.model,
    routeReason: evaluated.routeReason,
    usage: generation.usage,
    ...(evaluated.isBatch && { batchSavingMicros: liveCost - generation.costMicros }),
    cache: {
      savingMicros: costOfUsage(generation.model, plain) - liveCost + discardedCacheSaving,
      note: evaluated.prompt.cacheNote,
      exampleCount: evaluated.prompt.exampleCount,
    },
    promptExamples: ctx.examplesRecord,
    cascade: evaluated.cascade,
    baselineCostMicros: baselineCost(run.baselineModel, baselineUsage),
    priceBookVersion: PRICE_BOOK_VERSION,
    continuations: generation.continuations,
    judge,
    duplicates: evaluated.guarded?.record,
    content: {
      kind: CONTENT_KIND_BY_ROLE[role],
      title: titleOf(generation.text, task.topic),
      body: generation.text,
      checksScore: checks.score,
      qualityChecks: checks.checks,
      embedding: evaluated.guarded?.embedding,
    },
  });
  return { isRecorded: settlement.isSettled, checks };
}

/** The same tokens billed with no cache: every cache read and write as plain input. */
function uncached(usage: TokenUsage): TokenUsage {
  const input = usage.inputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  return { inputTokens: input, outputTokens: usage.outputTokens };
}

/**
 * Savings are measured against one model for everything, priced at list prices on the prompt a plain
 * deployment would send (no cache, no examples block); a bad setting falls back to the standard tier's.
 */
function baselineCost(baselineModel: string, usage: TokenUsage): number {
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
