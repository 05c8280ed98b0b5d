import type { PrismaClient, Sql } from "@switchyard/db";
import type { BatchAdapter, BatchInfo } from "../../adapters/batch-types";
import type { LlmAdapter } from "../../adapters/types";
import type { AgentQueues } from "../../queues/agent-queues";
import type { ApprovedExamples } from "../approved-examples";
import type { GuardDeps } from "../guard-draft";

/** What the batch submitter and poller work with. */
export interface BatchDeps {
  db: PrismaClient;
  sql: Sql;
  /** Where a request that must be retried live is sent back to. */
  queues: AgentQueues;
  /** The Message Batches provider for a run's configured adapter ("auto" resolves to the deployment's). */
  batchAdapterFor: (configured: string) => BatchAdapter;
  /** The live provider, for the judge: it grades a batch result at once, at live prices. */
  adapterFor: (configured: string) => LlmAdapter;
  examples: ApprovedExamples;
  log: (message: string) => void;
  /** How batch results are compared with the tenant's pieces. @defaultValue the deployment's specialists */
  guard?: Omit<GuardDeps, "sql">;
  /** Told after a run may have ended (webhooks); must not throw. @defaultValue nothing */
  onRunEnded?: (runId: string) => Promise<void>;
}

export interface BatchSettings {
  /** Requests per batch (BATCH_MAX_REQUESTS). */
  maxRequests: number;
  /** The longest a held request waits for others before its batch is submitted (BATCH_MAX_AGE_MS). */
  maxAgeMs: number;
  /** First wait before polling a submitted batch; doubles per poll up to 16 times (BATCH_POLL_MS). */
  pollMs: number;
  /** How long a worker owns a batch row it is submitting or polling before another may take it over. */
  leaseMs: number;
}

/** Test hooks: what a crash at the worst moment looks like. */
export interface BatchHooks {
  /** Runs after the provider made the batch and before the row records it. */
  afterCreate?: (info: BatchInfo) => Promise<void>;
}

/** The wait before the next poll of a batch polled `polls` times: doubling from pollMs, at most 16×. */
export function pollDelay(settings: BatchSettings, polls: number): number {
  return settings.pollMs * 2 ** Math.min(Math.max(0, polls), 4);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
