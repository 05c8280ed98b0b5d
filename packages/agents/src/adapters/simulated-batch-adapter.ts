import { randomUUID } from "node:crypto";
import { SwitchyardError } from "../lib/errors";
import { promiseOf } from "../lib/promise-of";
import { batchRequestsProblem } from "./batch-requests";
import {
  type BatchAdapter,
  type BatchInfo,
  BatchNotEndedError,
  type BatchOutcome,
  type BatchRequest,
  type BatchResult,
} from "./batch-types";
import { ProviderError } from "./provider-error";
import { createSimulatedAdapter } from "./simulated-adapter";
import { hashString } from "./simulated-prose";
import type { LlmAdapter } from "./types";

export interface SimulatedBatchOptions {
  /** Writes each request; pass the live simulated adapter to share its prompt cache. @defaultValue a new one */
  adapter?: LlmAdapter;
  /** From creation until the last request is done; requests finish evenly over it. @defaultValue 60000 */
  processingMs?: number;
  /** Share (0–1) of requests that end errored (api_error), chosen by a hash of the custom id. @defaultValue 0 */
  errorRate?: number;
  /** Requests not done this long after creation end expired, as after the API's 24 hours. @defaultValue 86400000 */
  expiresAfterMs?: number;
  /** The batches' clock, in milliseconds; tests pass their own. @defaultValue Date.now */
  now?: () => number;
}

interface SimulatedBatch {
  id: string;
  requests: readonly BatchRequest[];
  createdAt: number;
  expiresAt: number;
  cancelInitiatedAt?: number;
  endedAt?: number;
  results?: BatchResult[];
  settling?: Promise<void>;
}

/**
 * Message Batches offline. Request i of n is done at createdAt + processingMs * (i + 1) / n; the batch
 * ends when the last one is, unless it expires first (the rest expire) or is canceled (the rest are
 * canceled). Results are written by the simulated adapter when the batch is first read after its end,
 * with the same semantics as live calls, prompt cache included.
 */
export function createSimulatedBatchAdapter(options: SimulatedBatchOptions = {}): BatchAdapter {
  const now = options.now ?? Date.now;
  const adapter = options.adapter ?? createSimulatedAdapter({ latencyMs: [0, 0], now });
  const processingMs = options.processingMs ?? 60_000;
  const errorRate = options.errorRate ?? 0;
  const batches = new Map<string, SimulatedBatch>();

  async function settle(batch: SimulatedBatch): Promise<void> {
    if (batch.endedAt !== undefined) return;
    const { endAt, unfinished } = endOf(batch);
    if (now() < endAt) return;
    batch.settling ??= finish(batch, endAt, unfinished);
    await batch.settling;
  }

  /** When a batch ends and what its unfinished requests become: canceled, expired, or none are left. */
  function endOf(batch: SimulatedBatch): { endAt: number; unfinished?: "canceled" | "expired" } {
    const lastDone = batch.createdAt + processingMs;
    if (batch.cancelInitiatedAt !== undefined) return { endAt: batch.cancelInitiatedAt, unfinished: "canceled" };
    return lastDone <= batch.expiresAt ? { endAt: lastDone } : { endAt: batch.expiresAt, unfinished: "expired" };
  }

  async function finish(batch: SimulatedBatch, endAt: number, unfinished?: "canceled" | "expired"): Promise<void> {
    const results: BatchResult[] = [];
    for (const [index, { customId, request }] of batch.requests.entries()) {
      const doneAt = batch.createdAt + (processingMs * (index + 1)) / batch.requests.length;
      const result: BatchOutcome =
        doneAt <= endAt || !unfinished ? await outcomeOf(customId, request) : { type: unfinished };
      results.push({ customId, result });
    }
    batch.results = results;
    batch.endedAt = endAt;
  }

  async function outcomeOf(customId: string, request: BatchRequest["request"]): Promise<BatchOutcome> {
    if (hashString(customId) / 2 ** 32 < errorRate) {
      return {
        type: "errored",
        error: new ProviderError("server", `Simulated batch: request ${customId} failed (api_error).`),
      };
    }
    try {
      return { type: "succeeded", generation: await adapter.generate(request) };
    } catch (error) {
      if (error instanceof ProviderError) return { type: "errored", error };
      if (error instanceof SwitchyardError)
        return { type: "errored", error: new ProviderError("bad_request", error.message) };
      throw error;
    }
  }

  async function read(batchId: string): Promise<SimulatedBatch> {
    const batch = batches.get(batchId);
    if (!batch) throw new ProviderError("bad_request", `Simulated batch provider: no batch ${batchId} (404).`, 404);
    await settle(batch);
    return batch;
  }

  return {
    name: "simulated",
    create(requests) {
      return promiseOf(() => {
        const problem = batchRequestsProblem(requests.map((r) => r.customId));
        if (problem)
          throw new ProviderError("bad_request", `Simulated batch provider: invalid batch (400): ${problem}`, 400);
        const createdAt = now();
        const id = `msgbatch_sim_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
        const batch = {
          id,
          requests: [...requests],
          createdAt,
          expiresAt: createdAt + (options.expiresAfterMs ?? 86_400_000),
        };
        batches.set(id, batch);
        return infoOf(batch);
      });
    },
    retrieve: async (batchId) => infoOf(await read(batchId)),
    async cancel(batchId) {
      const batch = await read(batchId);
      if (batch.endedAt === undefined) batch.cancelInitiatedAt ??= now();
      return infoOf(batch);
    },
    async *listSince(since) {
      const newestFirst = [...batches.values()].filter((b) => b.createdAt >= since.getTime()).reverse();
      for (const batch of newestFirst) yield infoOf(await read(batch.id));
    },
    async *results(batchId) {
      const batch = await read(batchId);
      if (!batch.results) throw new BatchNotEndedError(batchId, infoOf(batch).status);
      // No promised order, as from the API: callers match results by customId.
      yield* [...batch.results].sort((a, b) => hashString(a.customId) - hashString(b.customId));
    },
  };
}

function infoOf(batch: SimulatedBatch): BatchInfo {
  const count = (type: BatchOutcome["type"]) => batch.results?.filter((r) => r.result.type === type).length ?? 0;
  const isCanceling = batch.cancelInitiatedAt !== undefined;
  return {
    id: batch.id,
    status: batch.endedAt !== undefined ? "ended" : isCanceling ? "canceling" : "in_progress",
    requestCount: batch.requests.length,
    requestCounts: {
      processing: batch.results ? 0 : batch.requests.length,
      succeeded: count("succeeded"),
      errored: count("errored"),
      canceled: count("canceled"),
      expired: count("expired"),
    },
    createdAt: new Date(batch.createdAt),
    expiresAt: new Date(batch.expiresAt),
    ...(batch.endedAt !== undefined && { endedAt: new Date(batch.endedAt) }),
    ...(batch.cancelInitiatedAt !== undefined && { cancelInitiatedAt: new Date(batch.cancelInitiatedAt) }),
  };
}
