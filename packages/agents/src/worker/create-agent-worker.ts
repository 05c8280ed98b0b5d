import { Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { ProviderError } from "../adapters/provider-error";
import { type AgentJobDeps, type AgentJobOutcome, runAgentJob } from "./run-agent-job";
import { PermanentJobError, ProviderThrottledError } from "../lib/errors";
import { throttleLane } from "../queues/lane-status";
import { AgentJobPayloadSchema, type Lane, LANES } from "../queues/queue-registry";

export interface AgentWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Jobs this process runs at once on the lane; most time is spent waiting on the provider. @defaultValue 20 */
  concurrency?: number;
  /** Jobs the lane may start per minute across all workers; 0 is no cap. @defaultValue 0 */
  ratePerMinute?: number;
  /** How often active jobs of dead workers are looked for. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** How long a job's lock lives without renewal (renewed at half of it). @defaultValue 30000 */
  lockDurationMs?: number;
  /** Told of every execution's end (logs and metrics); must not throw. @defaultValue nothing */
  observe?: (event: AgentJobEvent) => void;
  /**
   * Told after every execution, once its statements have committed, with the run it was about: the run may
   * have ended (webhooks). Must not throw; awaited, so a run's events are queued before its job completes.
   * @defaultValue nothing
   */
  onRunEnded?: (runId: string) => Promise<void>;
}

/** One execution of a job, as the worker saw it: for logs and metrics, never for control flow. */
export interface AgentJobEvent {
  lane: Lane;
  jobId: string | undefined;
  /** The job's data as delivered (it may be invalid). */
  data: unknown;
  /** 1 for the first execution. */
  attempt: number;
  /** Set on a first execution: how long the job waited in the lane before a worker took it. */
  waitMs?: number;
  durationMs: number;
  isFinalAttempt: boolean;
  outcome?: AgentJobOutcome;
  error?: unknown;
}

/**
 * A BullMQ worker for one lane. BullMQ concerns stay here: the handler signals
 * "never retry" with PermanentJobError (→ UnrecoverableError) and "the provider is
 * rate-limiting" with ProviderThrottledError (→ the lane pauses and the job goes
 * back to wait without spending an attempt).
 */
export function createAgentWorker(
  lane: Lane,
  deps: AgentJobDeps,
  options: AgentWorkerOptions,
): Worker<unknown, AgentJobOutcome> {
  const { connection, prefix } = options;
  const laneQueue = new Queue(LANES[lane].queue, { connection, prefix });
  const worker: Worker<unknown, AgentJobOutcome> = new Worker<unknown, AgentJobOutcome>(
    LANES[lane].queue,
    async (job) => {
      const startedAt = Date.now();
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const report = (result: { outcome?: AgentJobOutcome; error?: unknown }) =>
        options.observe?.({
          lane,
          jobId: job.id,
          data: job.data,
          attempt: job.attemptsMade + 1,
          waitMs: job.attemptsMade === 0 ? startedAt - job.timestamp - (job.opts.delay ?? 0) : undefined,
          durationMs: Date.now() - startedAt,
          isFinalAttempt,
          ...result,
        });
      const runId = AgentJobPayloadSchema.safeParse(job.data).data?.runId;
      const toldEnded = async () => {
        if (runId && options.onRunEnded) await options.onRunEnded(runId);
      };
      try {
        const outcome = await runAgentJob(job.data, deps, { isFinalAttempt, isBatch: lane === "batch" });
        report({ outcome });
        await toldEnded();
        if (outcome.status === "succeeded" && outcome.pauseLaneMs) {
          await throttleLane(
            laneQueue,
            connection,
            prefix,
            lane,
            outcome.pauseLaneMs,
            `${outcome.model} quota spent until its reset`,
          );
        }
        return outcome;
      } catch (error) {
        report({ error });
        await toldEnded();
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        if (error instanceof ProviderThrottledError) {
          await throttleLane(laneQueue, connection, prefix, lane, error.waitMs, error.message);
          throw Worker.RateLimitError();
        }
        throw error;
      }
    },
    {
      connection,
      prefix,
      concurrency: options.concurrency ?? 20,
      // A limiter must be set for a manual pause to take effect; "no cap" is the largest count.
      limiter: { max: options.ratePerMinute || Number.MAX_SAFE_INTEGER - 1, duration: 60_000 },
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      lockDuration: options.lockDurationMs ?? 30_000,
      // A replay after a crash is safe (the run row guards money), so allow a few.
      maxStalledCount: 3,
      // A lane paused by the provider resumes within a second of the pause ending (the blocking fetch
      // times out at this).
      drainDelay: 1,
      settings: { backoffStrategy: providerBackoff },
    },
  );
  worker.on("closed", () => void laneQueue.close());
  return worker;
}

/** Waits what the provider asked for when it said so, else doubles from 2 s. */
export function providerBackoff(attemptsMade: number, _type?: string, error?: unknown): number {
  if (error instanceof ProviderError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(2000 * 2 ** Math.max(0, attemptsMade - 1), 60_000);
}
