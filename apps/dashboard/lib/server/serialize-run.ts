import "server-only";
import { AgentRoleSchema, CascadeRecordSchema, PromptExamplesRecordSchema } from "@switchyard/agents";
import type { AgentRun, ContentItem, MessageBatch, Review } from "@switchyard/db";
import type { RunJson } from "./api-schemas";

type RunBatch = Pick<MessageBatch, "id" | "providerBatchId" | "status" | "submittedAt" | "endedAt">;

const toNumber = (v: bigint | null) => (v === null ? null : Number(v));
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The public shape of a run: money in micro-USD as numbers, the routing decision grouped. */
export function serializeRun(
  run: AgentRun & { content?: (ContentItem & { reviews?: Review[] }) | null; batch?: RunBatch | null },
): RunJson {
  return {
    id: run.id,
    jobId: run.jobId,
    role: AgentRoleSchema.parse(run.role),
    status: run.status,
    adapter: run.adapter,
    /** real (a provider), simulated (the offline provider) or synthetic (seeded history); null until it starts. */
    source: run.source,
    floorModel: run.model,
    lane: run.lane,
    routing: {
      taskComplexity: run.taskComplexity,
      modelRoutedTo: run.modelRoutedTo,
      modelRouteReason: run.modelRouteReason,
      signals: run.routingSignals,
    },
    costMicros: {
      estimated: toNumber(run.estimatedCostMicros),
      actual: toNumber(run.actualCostMicros),
      baseline: toNumber(run.baselineCostMicros),
      held: Number(run.reservedMicros),
    },
    tokens: {
      input: run.inputTokens,
      output: run.outputTokens,
      cacheRead: run.cacheReadTokens,
      cacheWrite: run.cacheWriteTokens,
      cacheWrite1h: run.cacheWrite1hTokens,
    },
    /**
     * What prompt caching did: whether the stable prefix was marked (and why not), and what it saved; and the
     * approved examples the prefix carried: how they were chosen, each one's fit score against the brief, the
     * mean fit beside the best the pool allowed, and the specialist provider and model that ranked them.
     */
    promptCache: {
      note: run.cacheNote,
      savingMicros: toNumber(run.cacheSavingMicros),
      exampleCount: run.exampleCount,
      // Written by settlement from the same schema; a row from before it (or a damaged one) reads as none.
      examples: PromptExamplesRecordSchema.nullable().catch(null).parse(run.promptExamples),
    },
    /** The cascade (cheaper model first), when the role has it on; a row from before it reads as none. */
    cascade: CascadeRecordSchema.nullable().catch(null).parse(run.cascade),
    /**
     * Work that can wait: the deadline asked for, the Message Batch the run was gathered into (null
     * until it is; kept after a request sent back live) and what the batch discount saved (null unless
     * the run settled from a batch: the live price of the same usage minus what the batch billed).
     */
    batch: {
      deliverBy: iso(run.deliverBy),
      id: run.batchId,
      providerBatchId: run.batch?.providerBatchId ?? null,
      status: run.batch?.status ?? null,
      submittedAt: iso(run.batch?.submittedAt ?? null),
      endedAt: iso(run.batch?.endedAt ?? null),
      savingMicros: toNumber(run.batchSavingMicros),
    },
    quality: serializeQuality(run),
    attempts: run.attempts,
    error: run.error,
    revisesRunId: run.revisesRunId,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    content: run.content
      ? {
          id: run.content.id,
          kind: run.content.kind,
          title: run.content.title,
          status: run.content.status,
          body: run.content.body,
        }
      : undefined,
  };
}

type ChecksItem = { name?: unknown; isPassed?: unknown; detail?: unknown };

/**
 * The three quality signals, kept apart: the deterministic checks, the LLM judge (null when the run
 * was not sampled) and the latest human review (null until someone reviews it).
 */
function serializeQuality(
  run: AgentRun & { content?: (ContentItem & { reviews?: Review[] }) | null },
): RunJson["quality"] {
  const checks = Array.isArray(run.content?.qualityChecks) ? (run.content.qualityChecks as ChecksItem[]) : [];
  const failed = checks.filter((c) => c.isPassed === false).map((c) => String(c.name));
  const review = run.content?.reviews?.[0];
  const isJudged = run.judgeStatus !== null && run.judgeStatus !== "not_sampled";
  return {
    checks:
      run.checksScore === null ? null : { score: run.checksScore, failed, truncated: failed.includes("complete") },
    judge: isJudged
      ? {
          status: run.judgeStatus,
          score: run.judgeScore,
          criteria: run.judgeScores,
          model: run.judgeModel,
          rubricVersion: run.judgeRubricVersion,
          costMicros: toNumber(run.judgeCostMicros),
          error: run.judgeError,
        }
      : null,
    review: review
      ? { verdict: review.verdict, score: review.score, feedback: review.feedback, at: review.createdAt.toISOString() }
      : null,
  };
}
