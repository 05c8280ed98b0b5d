import { recordRunRollup, type Sql } from "@switchyard/db";
import type { GenerationOutcome } from "./generate-with-fallback";
import { releaseReservation, settleRun } from "../credits";
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
    content: { kind: CONTENT_KIND_BY_ROLE[role], title: titleOf(result.text, task.topic), body: result.text, qualityScore: quality.score, qualityChecks: quality.checks },
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

/** Returns the attempt's hold and records the error; the run fails for good only on the last attempt. */
export async function recordFailure(sql: Sql, runId: string, attempt: number, error: unknown, isFinal: boolean): Promise<void> {
  await releaseReservation(sql, runId, attempt);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  if (!isFinal) {
    await sql.query(`UPDATE agent_runs SET status = 'queued', error = $2 WHERE id = $1::uuid AND status = 'running'`, [
      runId,
      `attempt ${attempt} failed, will retry: ${message}`.slice(0, 2000),
    ]);
    return;
  }
  await finalizeRun(sql, runId, { status: "failed", error: message });
}

export interface FinalState {
  status: "failed" | "refused_credits";
  error: string;
  taskComplexity?: string;
  routingSignals?: object;
  estimatedCostMicros?: number;
}

/** Makes a running run final (failed or refused) and counts it in the rollup, in one transaction. */
export async function finalizeRun(sql: Sql, runId: string, state: FinalState): Promise<void> {
  await sql.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE agent_runs SET status = $2::"RunStatus", error = $3, finished_at = now(),
         task_complexity = COALESCE($4::"TaskComplexity", task_complexity),
         model_routed_to = CASE WHEN $2 = 'refused_credits' THEN NULL ELSE model_routed_to END,
         model_route_reason = CASE WHEN $2 = 'refused_credits' THEN 'credit_limit' ELSE model_route_reason END,
         routing_signals = COALESCE($5::jsonb, routing_signals),
         estimated_cost_micros = COALESCE($6::bigint, estimated_cost_micros)
       WHERE id = $1::uuid AND status = 'running' RETURNING id`,
      [runId, state.status, state.error, state.taskComplexity ?? null, state.routingSignals ? JSON.stringify(state.routingSignals) : null, state.estimatedCostMicros ?? null],
    );
    if (updated.length === 1) await recordRunRollup(tx, runId);
  });
}
