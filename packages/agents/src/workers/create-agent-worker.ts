import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { ProviderError } from "../adapters/provider-error";
import { type AgentJobDeps, type AgentJobOutcome, runAgentJob } from "../jobs/run-agent-job";
import { PermanentJobError } from "../lib/errors";
import { AGENT_QUEUES, type QueueFamily } from "../queues/queue-registry";

export interface AgentWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Jobs this process runs at once; most time is spent waiting on the provider. @defaultValue 20 */
  concurrency?: number;
  /** How often active jobs of dead workers are looked for. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** How long a job's lock lives without renewal (renewed at half of it). @defaultValue 30000 */
  lockDurationMs?: number;
}

/**
 * A BullMQ worker for one queue family. BullMQ concerns stay here: the handler
 * signals "never retry" with PermanentJobError, which becomes UnrecoverableError.
 */
export function createAgentWorker(family: QueueFamily, deps: AgentJobDeps, options: AgentWorkerOptions): Worker<unknown, AgentJobOutcome> {
  return new Worker<unknown, AgentJobOutcome>(
    AGENT_QUEUES[family].name,
    async (job) => {
      try {
        return await runAgentJob(job.data, deps, { isFinalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
      } catch (error) {
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 20,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      lockDuration: options.lockDurationMs ?? 30_000,
      // A replay after a crash is safe (the run row guards money), so allow a few.
      maxStalledCount: 3,
      settings: { backoffStrategy: providerBackoff },
    },
  );
}

/** Waits what the provider asked for when it said so, else doubles from 2 s. */
export function providerBackoff(attemptsMade: number, _type?: string, error?: unknown): number {
  if (error instanceof ProviderError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(2000 * 2 ** Math.max(0, attemptsMade - 1), 60_000);
}
