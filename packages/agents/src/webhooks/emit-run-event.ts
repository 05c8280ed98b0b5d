import type { PrismaClient } from "@switchyard/db";
import type { Queue } from "bullmq";
import {
  type EndedRunStatus,
  RUN_EVENT_BY_STATUS,
  type RunEventData,
  runEventId,
  type WebhookEvent,
  WebhookEventSchema,
} from "./webhook-events";
import { WEBHOOK_JOB_NAME, webhookJobOptions } from "./webhook-queue";

export interface WebhookEmitDeps {
  db: PrismaClient;
  queue: Queue;
  /** The first retry's wait. @defaultValue WEBHOOK_BASE_DELAY_MS (tests shorten it) */
  baseDelayMs?: number;
}

function isEndedStatus(status: string): status is EndedRunStatus {
  return Object.hasOwn(RUN_EVENT_BY_STATUS, status);
}

/**
 * Tells a tenant's endpoints that a run ended, if it did: reads the committed run (never called inside the
 * statement that ended it), writes one delivery row per subscribed endpoint and queues each. Safe to call
 * for a run that has not ended (nothing happens) and to call twice: the event id is derived from the run and
 * its final status.
 * Returns how many deliveries are queued for the event.
 */
export async function emitRunEvent(deps: WebhookEmitDeps, runId: string): Promise<number> {
  const run = await deps.db.agentRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      tenantId: true,
      status: true,
      role: true,
      modelRoutedTo: true,
      actualCostMicros: true,
      error: true,
      queuedAt: true,
      finishedAt: true,
    },
  });
  if (!run || !isEndedStatus(run.status)) return 0;
  const type = RUN_EVENT_BY_STATUS[run.status];
  const data: RunEventData = {
    runId: run.id,
    status: run.status,
    role: run.role,
    model: run.modelRoutedTo,
    costMicros: Number(run.actualCostMicros ?? 0n),
    error: run.error,
    queuedAt: run.queuedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
  return emitTenantEvent(deps, {
    id: runEventId(run.id, run.status),
    type,
    createdAt: (run.finishedAt ?? new Date()).toISOString(),
    tenantId: run.tenantId,
    data,
  });
}

/**
 * Queues one event to every endpoint of its tenant subscribed to its type. Safe to call twice with the
 * same event id: a delivery row is unique per (endpoint, event) and its job id is the row's id.
 */
export async function emitTenantEvent(deps: WebhookEmitDeps, input: WebhookEvent): Promise<number> {
  const event = WebhookEventSchema.parse(input);
  const endpoints = await deps.db.webhookEndpoint.findMany({
    where: { tenantId: event.tenantId, isEnabled: true, events: { has: event.type } },
    select: { id: true },
  });
  if (!endpoints.length) return 0;
  const payload = JSON.stringify(event);
  await deps.db.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      tenantId: event.tenantId,
      eventId: event.id,
      eventType: event.type,
      payload,
    })),
    skipDuplicates: true,
  });
  // Every delivery of the event still waiting for its first attempt is (re)queued: a crash between the
  // insert and the queue is mended by the next call, and BullMQ ignores a job id it already holds.
  const pending = await deps.db.webhookDelivery.findMany({
    where: { eventId: event.id, endpointId: { in: endpoints.map((e) => e.id) }, status: "pending", attempts: 0 },
    select: { id: true },
  });
  await deps.queue.addBulk(
    pending.map((delivery) => ({
      name: WEBHOOK_JOB_NAME,
      data: { deliveryId: delivery.id },
      opts: webhookJobOptions(delivery.id, deps.baseDelayMs),
    })),
  );
  return pending.length;
}
