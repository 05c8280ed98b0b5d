import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import { type AnthropicAdapterOptions, createAnthropicClient } from "./anthropic-client";
import { toProviderError } from "./anthropic-errors";
import { resultFromMessage } from "./anthropic-message";
import { toApiParams } from "./anthropic-params";
import {
  type BatchAdapter,
  type BatchInfo,
  BatchNotEndedError,
  type BatchRequest,
  type BatchResult,
} from "./batch-types";
import { kindForErrorType, ProviderError } from "./provider-error";

/**
 * Message Batches through the official SDK: each request goes as the same body a live call sends,
 * results are read from the JSONL the SDK decodes, and failures map to ProviderError like live ones.
 */
export function createAnthropicBatchAdapter(options: AnthropicAdapterOptions): BatchAdapter {
  const client = createAnthropicClient(options);
  const retrieve = (batchId: string) => call(async () => toBatchInfo(await client.messages.batches.retrieve(batchId)));
  return {
    name: "anthropic",
    create: (requests: readonly BatchRequest[]) =>
      call(async () => {
        const body = requests.map(({ customId, request }) => ({ custom_id: customId, params: toApiParams(request) }));
        return toBatchInfo(await client.messages.batches.create({ requests: body }));
      }),
    retrieve,
    cancel: (batchId: string) => call(async () => toBatchInfo(await client.messages.batches.cancel(batchId))),
    async *listSince(since: Date): AsyncIterable<BatchInfo> {
      try {
        // Newest first, page by page: stop at the first batch older than `since`.
        for await (const batch of client.messages.batches.list({ limit: 100 })) {
          if (new Date(batch.created_at) < since) return;
          yield toBatchInfo(batch);
        }
      } catch (error) {
        throw toProviderError(error);
      }
    },
    async *results(batchId: string): AsyncIterable<BatchResult> {
      const { status } = await retrieve(batchId);
      if (status !== "ended") throw new BatchNotEndedError(batchId, status);
      const lines = await call(() => client.messages.batches.results(batchId));
      try {
        for await (const line of lines) yield toBatchResult(line);
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toProviderError(error);
  }
}

function toBatchInfo(batch: MessageBatch): BatchInfo {
  return {
    id: batch.id,
    status: batch.processing_status,
    requestCount: requestCountOf(batch.request_counts),
    requestCounts: { ...batch.request_counts },
    createdAt: new Date(batch.created_at),
    expiresAt: new Date(batch.expires_at),
    ...(batch.ended_at !== null && { endedAt: new Date(batch.ended_at) }),
    ...(batch.cancel_initiated_at !== null && { cancelInitiatedAt: new Date(batch.cancel_initiated_at) }),
  };
}

function requestCountOf(counts: MessageBatch["request_counts"]): number {
  return counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired;
}

function toBatchResult({ custom_id: customId, result }: MessageBatchIndividualResponse): BatchResult {
  switch (result.type) {
    case "succeeded":
      return { customId, result: { type: "succeeded", generation: resultFromMessage(result.message) } };
    case "errored": {
      const { type, message } = result.error.error;
      const error = new ProviderError(
        kindForErrorType(type),
        `Anthropic batch request ${customId} failed (${type}): ${message}`,
      );
      return { customId, result: { type: "errored", error } };
    }
    default:
      return { customId, result: { type: result.type } };
  }
}
