import { SwitchyardError } from "../lib/errors";
import type { ProviderError } from "./provider-error";
import type { GenerateRequest, GenerateResult } from "./types";

/** One generation inside a batch. `customId` (1–64 of [a-zA-Z0-9_-], unique in the batch) matches its result. */
export interface BatchRequest {
  customId: string;
  request: GenerateRequest;
}

export type BatchStatus = "in_progress" | "canceling" | "ended";

/** Every request is `processing` until the whole batch ends; then each is counted by how it ended. */
export interface BatchRequestCounts {
  processing: number;
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

export interface BatchInfo {
  id: string;
  status: BatchStatus;
  /** Requests in the batch, however they ended. */
  requestCount: number;
  requestCounts: BatchRequestCounts;
  createdAt: Date;
  /** When the provider stops processing: requests not done by then end expired. */
  expiresAt: Date;
  endedAt?: Date;
  cancelInitiatedAt?: Date;
}

export type BatchOutcome =
  | { type: "succeeded"; generation: GenerateResult }
  | { type: "errored"; error: ProviderError }
  | { type: "expired" }
  | { type: "canceled" };

export interface BatchResult {
  customId: string;
  result: BatchOutcome;
}

/**
 * A provider of Message Batches: work that can wait, billed at half price (price it with
 * costOfUsage(model, usage, { isBatch: true })). Errors of the calls themselves are ProviderError;
 * a request that failed inside the batch is an `errored` result, classified the same way.
 */
export interface BatchAdapter {
  readonly name: "anthropic" | "simulated";
  /** Submits the requests as one batch, which starts in_progress. */
  create(requests: readonly BatchRequest[]): Promise<BatchInfo>;
  retrieve(batchId: string): Promise<BatchInfo>;
  /** The results of an ended batch, in no promised order: match them by customId. */
  results(batchId: string): AsyncIterable<BatchResult>;
  /** Asks the provider to stop; the batch goes through canceling to ended, unfinished requests canceled. */
  cancel(batchId: string): Promise<BatchInfo>;
  /** The account's batches created at or after `since`, newest first (how a crashed submitter finds its own). */
  listSince(since: Date): AsyncIterable<BatchInfo>;
}

/** Results were asked for before the batch ended; poll retrieve until its status is "ended". */
export class BatchNotEndedError extends SwitchyardError {
  constructor(
    readonly batchId: string,
    readonly status: BatchStatus,
  ) {
    super("batch_not_ended", `Batch ${batchId} is ${status}; its results are ready once it has ended.`);
  }
}
