import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { WEBHOOK_QUEUE } from "../queues/queue-registry";

export { WEBHOOK_QUEUE };
export const WEBHOOK_JOB_NAME = "deliver-webhook";

/** The job carries the delivery row's id; the row owns the body, the endpoint and the attempt log. */
export const WebhookJobPayloadSchema = z.object({ deliveryId: z.uuid() }).strict();
export type WebhookJobPayload = z.infer<typeof WebhookJobPayloadSchema>;

/** The first retry's wait; each next one doubles, up to MAX_RETRY_DELAY_MS. */
export const WEBHOOK_BASE_DELAY_MS = 30_000;
const MAX_RETRY_DELAY_MS = 4 * 3600_000;
/**
 * Attempts per delivery: with waits of 30 s doubling to a 4 h cap, the 15th attempt comes about 24 h after
 * the first (30 s × 511 over the first nine waits, then five of 4 h), so a receiver down for a day still
 * gets the event.
 */
export const WEBHOOK_ATTEMPTS = 15;

/** The wait after failed attempt `attemptsMade` (1 for the first): base × 2^(n−1), at most 4 hours. */
export function webhookRetryDelayMs(attemptsMade: number, baseMs = WEBHOOK_BASE_DELAY_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), Math.max(baseMs, MAX_RETRY_DELAY_MS));
}

/** A delivery's job options; `baseDelayMs` is shortened only by tests. */
export function webhookJobOptions(deliveryId: string, baseDelayMs = WEBHOOK_BASE_DELAY_MS): JobsOptions {
  return {
    jobId: deliveryId,
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: "webhook", delay: baseDelayMs },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function createWebhookQueue(connection: Redis, prefix: string): Queue {
  return new Queue(WEBHOOK_QUEUE, { connection, prefix });
}
