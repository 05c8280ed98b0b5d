import { ProviderError } from "../adapters/provider-error";
import type { LlmAdapter } from "../adapters/types";
import { PermanentJobError, ProviderThrottledError } from "../lib/errors";
import type { AgentJobEvent } from "./create-agent-worker";
import type { Logger } from "../observability/logger";
import type { WorkerMetrics } from "../observability/worker-metrics";

const MICROS_PER_USD = 1_000_000;

/** The ids a job names, when its data is shaped as a payload (hostile data logs none). */
function idsOf(data: unknown): { tenantId?: string; runId?: string } {
  if (typeof data !== "object" || data === null) return {};
  const { tenantId, runId } = data as Record<string, unknown>;
  return {
    tenantId: typeof tenantId === "string" ? tenantId.slice(0, 64) : undefined,
    runId: typeof runId === "string" ? runId.slice(0, 64) : undefined,
  };
}

function outcomeOfError(event: AgentJobEvent): string {
  if (event.error instanceof ProviderThrottledError) return "throttled";
  if (event.error instanceof PermanentJobError || event.isFinalAttempt) return "failed";
  return "retrying";
}

/**
 * The worker's observer: one log line per execution carrying tenantId, runId, lane and attempt, and the
 * metrics of what it did. Money and tokens are counted only when this execution's settlement was the one
 * recorded, so a replayed job is not counted twice (the rows are the truth; the counters follow them).
 */
export function observeJobs(metrics: WorkerMetrics, logger: Logger): (event: AgentJobEvent) => void {
  return (event) => {
    const { outcome } = event;
    const role = (outcome && "role" in outcome ? outcome.role : undefined) ?? "unknown";
    const model = outcome?.status === "succeeded" || outcome?.status === "batched" ? outcome.model : "none";
    const label = outcome?.status ?? outcomeOfError(event);
    metrics.jobs.inc({ lane: event.lane, role, model, outcome: label });
    metrics.jobDuration.observe({ lane: event.lane, role, model, outcome: label }, event.durationMs / 1000);
    if (event.waitMs !== undefined) metrics.queueWait.observe({ lane: event.lane }, Math.max(0, event.waitMs) / 1000);
    if (outcome?.status === "succeeded" && outcome.isRecorded) {
      metrics.cost.inc({ model }, outcome.costMicros / MICROS_PER_USD);
      const { usage } = outcome;
      metrics.tokens.inc({ model, kind: "input" }, usage.inputTokens);
      metrics.tokens.inc({ model, kind: "output" }, usage.outputTokens);
      metrics.tokens.inc({ model, kind: "cache_read" }, usage.cacheReadTokens ?? 0);
      metrics.tokens.inc({ model, kind: "cache_write" }, usage.cacheWriteTokens ?? 0);
      metrics.judgeOutcomes.inc({ status: outcome.judgeStatus });
    }
    if (outcome?.status === "refused_credits") metrics.refusals.inc({ reason: outcome.reason });

    const line = {
      ...idsOf(event.data),
      lane: event.lane,
      attempt: event.attempt,
      jobId: event.jobId,
      role,
      model,
      outcome: label,
      durationMs: event.durationMs,
    };
    if (!outcome) {
      const err = event.error instanceof Error ? event.error : new Error(String(event.error));
      logger.warn({ ...line, err: { type: err.name, message: err.message } }, "job attempt failed");
    } else if (outcome.status === "refused_credits") logger.info({ ...line, reason: outcome.reason }, "job refused");
    else if (outcome.status === "succeeded")
      logger.info({ ...line, costUsd: outcome.costMicros / MICROS_PER_USD, judge: outcome.judgeStatus }, "job done");
    else logger.info(line, "job already finished elsewhere");
  };
}

/**
 * The adapter, timing each call into the provider metrics (the judge's calls included). A proxy, so whatever
 * else an adapter offers (batches) passes through untouched.
 */
export function instrumentAdapter(adapter: LlmAdapter, metrics: WorkerMetrics): LlmAdapter {
  const generate: LlmAdapter["generate"] = async (request) => {
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    try {
      const result = await adapter.generate(request);
      metrics.providerCallDuration.observe({ model: request.model, status: "ok" }, seconds());
      return result;
    } catch (error) {
      const status = error instanceof ProviderError ? String(error.status ?? error.kind) : "unknown";
      metrics.providerCallDuration.observe({ model: request.model, status }, seconds());
      metrics.providerErrors.inc({ model: request.model, status });
      throw error;
    }
  };
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "generate") return generate;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
