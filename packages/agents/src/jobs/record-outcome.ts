import { type Prisma, type PrismaClient, recordRunRollup } from "@switchyard/db";
import type { GenerationOutcome } from "./generate-with-fallback";
import { releaseReservation, settleRun } from "../credits";
import { costOfUsage, getModel, PRICE_BOOK_VERSION } from "../lib/model-catalog";
import { MODEL_SELECTION } from "../lib/model-router";
import { scoreContent } from "../quality/score-content";
import { CONTENT_KIND_BY_ROLE, titleOf } from "./content-kind";
import type { RunContext } from "./load-run-context";

/**
 * Settles, stores the content and marks the run succeeded in one transaction: a
 * crash before the commit leaves the hold in place for the next attempt to release,
 * and a duplicate execution that finds the run settled writes nothing.
 */
export async function recordSuccess(
  db: PrismaClient,
  ctx: RunContext,
  outcome: GenerationOutcome,
  routeReason: string,
  targetWords: number,
): Promise<{ isRecorded: boolean; qualityScore: number }> {
  const { run, task, brand, role } = ctx;
  const { result, model } = outcome;
  const actualCost = costOfUsage(model, result.usage);
  const quality = scoreContent({
    role,
    text: result.text,
    targetWords,
    keywords: task.keywords,
    bannedPhrases: brand.bannedPhrases,
    requiredPhrases: brand.requiredPhrases,
    callToAction: task.callToAction,
  });
  const isRecorded = await db.$transaction(async (tx) => {
    const settlement = await settleRun(tx, run.id, actualCost);
    if (!settlement.isSettled) return false;
    await tx.contentItem.create({
      data: {
        tenantId: run.tenantId,
        runId: run.id,
        kind: CONTENT_KIND_BY_ROLE[role],
        title: titleOf(result.text, task.topic),
        body: result.text,
        qualityScore: quality.score,
        qualityChecks: quality.checks as unknown as Prisma.InputJsonValue,
      },
    });
    await tx.agentRun.update({
      where: { id: run.id },
      data: {
        status: "succeeded",
        modelRoutedTo: model,
        modelRouteReason: routeReason,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        cacheReadTokens: result.usage.cacheReadTokens ?? 0,
        cacheWriteTokens: result.usage.cacheWriteTokens ?? 0,
        baselineCostMicros: baselineCost(run.baselineModel, result.usage),
        priceBookVersion: PRICE_BOOK_VERSION,
        isSimulated: result.isSimulated,
        qualityScore: quality.score,
        error: null,
        finishedAt: new Date(),
      },
    });
    await recordRunRollup(tx, run.id);
    return true;
  });
  return { isRecorded, qualityScore: quality.score };
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
export async function recordFailure(
  db: PrismaClient,
  runId: string,
  attempt: number,
  error: unknown,
  isFinal: boolean,
): Promise<void> {
  await releaseReservation(db, runId, attempt);
  const message = error instanceof Error ? error.message : String(error);
  if (!isFinal) {
    await db.agentRun.updateMany({
      where: { id: runId, status: "running" },
      data: { status: "queued", error: `attempt ${attempt} failed, will retry: ${message}`.slice(0, 2000) },
    });
    return;
  }
  await finalizeRun(db, runId, { status: "failed", error: message.slice(0, 2000) });
}

/** Makes a running run final and counts it in the analytics rollup, in one transaction. */
export async function finalizeRun(db: PrismaClient, runId: string, data: Prisma.AgentRunUpdateManyMutationInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.agentRun.updateMany({ where: { id: runId, status: "running" }, data: { ...data, finishedAt: new Date() } });
    if (count === 1) await recordRunRollup(tx, runId);
  });
}
