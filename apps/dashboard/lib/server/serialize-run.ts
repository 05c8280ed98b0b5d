import "server-only";
import type { AgentRun, ContentItem } from "@switchyard/db";

const toNumber = (v: bigint | null) => (v === null ? null : Number(v));

/** The public shape of a run: money in micro-USD as numbers, the routing decision grouped. */
export function serializeRun(run: AgentRun & { content?: ContentItem | null }) {
  return {
    id: run.id,
    jobId: run.jobId,
    role: run.role,
    status: run.status,
    adapter: run.adapter,
    isSimulated: run.isSimulated,
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
    },
    qualityScore: run.qualityScore,
    attempts: run.attempts,
    error: run.error,
    revisesRunId: run.revisesRunId,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
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
