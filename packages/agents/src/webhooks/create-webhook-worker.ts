import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import {
  deliverWebhook,
  PermanentWebhookError,
  type WebhookDeliveryDeps,
  type WebhookDeliveryOutcome,
} from "./deliver-webhook";
import { WEBHOOK_BASE_DELAY_MS, WEBHOOK_QUEUE, webhookRetryDelayMs } from "./webhook-queue";

export interface WebhookWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Deliveries this process makes at once. @defaultValue 10 */
  concurrency?: number;
}

/**
 * The BullMQ side of webhook delivery: retries with the "webhook" backoff (doubling from the job's base delay
 * to a 4 h cap, about a day in all) and turns a permanent failure into UnrecoverableError.
 */
export function createWebhookWorker(
  deps: WebhookDeliveryDeps,
  options: WebhookWorkerOptions,
): Worker<unknown, WebhookDeliveryOutcome> {
  return new Worker<unknown, WebhookDeliveryOutcome>(
    WEBHOOK_QUEUE,
    async (job) => {
      const baseDelayMs = backoffDelayOf(job.opts.backoff) ?? WEBHOOK_BASE_DELAY_MS;
      const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      try {
        return await deliverWebhook(job.data, deps, { isFinalAttempt, baseDelayMs });
      } catch (error) {
        if (error instanceof PermanentWebhookError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 10,
      settings: {
        backoffStrategy: (attemptsMade, _type, _error, job) =>
          webhookRetryDelayMs(attemptsMade, backoffDelayOf(job?.opts.backoff) ?? WEBHOOK_BASE_DELAY_MS),
      },
    },
  );
}

function backoffDelayOf(backoff: unknown): number | undefined {
  if (typeof backoff !== "object" || backoff === null || !("delay" in backoff)) return undefined;
  return typeof backoff.delay === "number" ? backoff.delay : undefined;
}
