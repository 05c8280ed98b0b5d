import type { BatchOutcome } from "../../adapters/batch-types";
import { costOfUsage } from "../../lib/model-catalog";
import { addToLane } from "../../queues/agent-queues";
import { DEFAULT_JOB_OPTIONS, laneForRoute } from "../../queues/queue-registry";
import { failRun, requeueRun } from "../../runs";
import { defaultGuard, guardDraft } from "../guard-draft";
import { judgeDraft, planJudge } from "../judge-run";
import { recordSuccess } from "../record-outcome";
import { type BatchDeps, messageOf } from "./batch-deps";
import { buildBatchRunPrompt } from "./batch-request";
import type { BatchRun } from "./batch-rows";

/** Attempts a run may spend (its batch attempt included) before an errored request fails it. */
const MAX_ATTEMPTS = DEFAULT_JOB_OPTIONS.attempts ?? 4;

/**
 * Ends one request of an ended batch, on its own: a success is checked, judged (live) and settled at
 * batch prices; an error goes back to a live lane while it is retryable and attempts remain, else fails
 * the run with the reason; an expired or canceled request goes back to a live lane while its deliverBy
 * allows, else fails with the reason. Every path ends the attempt's hold: settled, or released.
 * Safe to repeat: the caller passes only runs still waiting on this batch, and each transition is once.
 */
export async function endBatchRequest(deps: BatchDeps, run: BatchRun, outcome: BatchOutcome): Promise<string> {
  switch (outcome.type) {
    case "succeeded":
      return settleBatchResult(deps, run, outcome.generation);
    case "errored": {
      const reason = `batch request errored: ${outcome.error.message}`;
      if (outcome.error.isRetryable && run.attempts < MAX_ATTEMPTS) return sendToLive(deps, run, reason);
      await failRun(deps.sql, run.id, run.attempts, reason);
      return "failed";
    }
    case "expired":
    case "canceled": {
      const reason = `batch request ${outcome.type}`;
      if (run.deliverBy === null || run.deliverBy.getTime() > Date.now()) return sendToLive(deps, run, reason);
      const at = run.deliverBy.toISOString();
      await failRun(deps.sql, run.id, run.attempts, `${reason}, and its deliverBy (${at}) has passed`);
      return "failed";
    }
  }
}

async function settleBatchResult(
  deps: BatchDeps,
  run: BatchRun,
  result: Extract<BatchOutcome, { type: "succeeded" }>["generation"],
): Promise<string> {
  const { ctx, prompt, cache, request, isJudgeHeld } = await buildBatchRunPrompt(deps, run);
  const model = request.model;
  const draft = {
    text: result.text,
    model,
    isFallback: false,
    usage: result.usage,
    costMicros: costOfUsage(model, result.usage, { isBatch: true }),
    continuations: 0,
    // A batch result cut off at max_tokens is not continued live: the checks fail it as truncated.
    isTruncated: result.stopReason === "max_tokens",
    last: result,
  };
  // Checked like a live draft, but not rewritten live: a near-duplicate from a batch is flagged for review.
  const guarded = await guardDraft(ctx, draft, { ...(deps.guard ?? defaultGuard()), sql: deps.sql });
  const judge = await judgeDraft(planJudge(ctx), isJudgeHeld, deps.adapterFor(ctx.run.adapter), draft.text);
  await recordSuccess(deps.sql, ctx, {
    generation: guarded.generation,
    guarded,
    judge,
    routeReason: "batch",
    targetWords: prompt.targetWords,
    isBatch: true,
    prompt: { cacheNote: cache.note, exampleCount: prompt.prefix.exampleCount, examples: prompt.prefix.examples },
  });
  return "succeeded";
}

/**
 * Back to the live lane of the run's route: the job first, then the run's move to queued (its hold
 * released). In that order a crash between the two loses nothing: the live job finds the run still
 * running and starts the next attempt itself, returning the batch hold as a stale attempt's.
 */
async function sendToLive(deps: BatchDeps, run: BatchRun, reason: string): Promise<string> {
  const lane = run.model ? laneForRoute(run.model, run.complexity ?? "standard") : "standard";
  await addToLane(deps.queues, lane, { runId: run.id, tenantId: run.tenantId });
  try {
    await requeueRun(deps.sql, run.id, run.attempts, `${reason}; retrying live`, { lane });
  } catch (error) {
    deps.log(`[batch] run ${run.id}: could not requeue after "${reason}": ${messageOf(error)}`);
    throw error;
  }
  return `requeued to ${lane}`;
}
