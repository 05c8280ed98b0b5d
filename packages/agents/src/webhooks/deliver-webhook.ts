import type { PrismaClient } from "@switchyard/db";
import { type PostOptions, type PostResult, postWebhook } from "./post-webhook";
import { SIGNATURE_HEADER, signWebhookPayload } from "./sign-webhook";
import { WebhookTargetRefusedError } from "./webhook-target";
import { WebhookJobPayloadSchema, webhookRetryDelayMs } from "./webhook-queue";

export interface WebhookDeliveryDeps extends PostOptions {
  db: PrismaClient;
  /** Unix seconds for the signature. @defaultValue the clock */
  now?: () => number;
}

export interface WebhookAttempt {
  /** True when the queue will not try this delivery again. */
  isFinalAttempt: boolean;
  /** The wait the queue's backoff gives after this attempt fails, for the log's next_attempt_at. */
  baseDelayMs: number;
}

/** The receiver did not take the delivery; the queue retries it. */
export class WebhookAttemptFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookAttemptFailedError";
  }
}

/** A delivery no retry can make: its endpoint is gone or disabled, or its target is refused. */
export class PermanentWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentWebhookError";
  }
}

export type WebhookDeliveryOutcome = "delivered" | "already_delivered" | "skipped";

/**
 * One attempt at one delivery: signs the stored body with the endpoint's secret at the current time, posts
 * it, and logs the attempt on the row (count, status code or error, when the next one comes). Knows nothing
 * of BullMQ: a failed attempt throws WebhookAttemptFailedError (retry) or PermanentWebhookError (give up).
 */
export async function deliverWebhook(
  rawPayload: unknown,
  deps: WebhookDeliveryDeps,
  attempt: WebhookAttempt,
): Promise<WebhookDeliveryOutcome> {
  const { deliveryId } = WebhookJobPayloadSchema.parse(rawPayload);
  const delivery = await deps.db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: { select: { url: true, secret: true, isEnabled: true } } },
  });
  if (!delivery) return "skipped";
  if (delivery.status === "delivered") return "already_delivered";
  if (!delivery.endpoint.isEnabled) {
    await logAttempt(deps.db, deliveryId, { status: "failed", error: "endpoint disabled; not sent" }, false);
    throw new PermanentWebhookError("endpoint disabled");
  }
  const timestamp = (deps.now ?? (() => Math.floor(Date.now() / 1000)))();
  const headers = {
    [SIGNATURE_HEADER]: signWebhookPayload(delivery.endpoint.secret, delivery.payload, timestamp),
    "Switchyard-Event-Id": delivery.eventId,
    "Switchyard-Event-Type": delivery.eventType,
    "Switchyard-Delivery-Id": delivery.id,
    "User-Agent": "Switchyard-Webhooks/1",
  };
  const result = await postWebhook(delivery.endpoint.url, delivery.payload, headers, deps);
  if ("isOk" in result && result.isOk) {
    await logAttempt(deps.db, deliveryId, { status: "delivered", statusCode: result.statusCode }, true);
    return "delivered";
  }
  const isRefused = "error" in result && result.error instanceof WebhookTargetRefusedError;
  const isLast = attempt.isFinalAttempt || isRefused;
  const error = describeFailure(result);
  await logAttempt(
    deps.db,
    deliveryId,
    {
      status: isLast ? "failed" : "retrying",
      statusCode: "statusCode" in result ? result.statusCode : undefined,
      error,
      nextAttemptAt: isLast
        ? undefined
        : new Date(Date.now() + webhookRetryDelayMs(delivery.attempts + 1, attempt.baseDelayMs)),
    },
    false,
  );
  throw isRefused ? new PermanentWebhookError(error) : new WebhookAttemptFailedError(error);
}

function describeFailure(result: PostResult): string {
  if ("error" in result) return result.error.message.slice(0, 500);
  const body = result.bodyStart.trim();
  return `HTTP ${result.statusCode}${body ? `: ${body}` : ""}`.slice(0, 500);
}

interface AttemptLog {
  status: "delivered" | "retrying" | "failed";
  statusCode?: number;
  error?: string;
  nextAttemptAt?: Date;
}

/** Counts the attempt on the row; a delivered row keeps no error and no next attempt. */
async function logAttempt(db: PrismaClient, id: string, log: AttemptLog, isDelivered: boolean): Promise<void> {
  await db.webhookDelivery.update({
    where: { id },
    data: {
      status: log.status,
      attempts: { increment: 1 },
      lastStatusCode: log.statusCode ?? null,
      lastError: isDelivered ? null : (log.error ?? null),
      nextAttemptAt: log.nextAttemptAt ?? null,
      deliveredAt: isDelivered ? new Date() : null,
    },
  });
}
