import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError, SwitchyardError } from "../lib/errors";
import { generateWebhookSecret } from "./sign-webhook";
import { WebhookEventTypeSchema } from "./webhook-events";
import { WebhookUrlSchema } from "./webhook-url";

/** A tenant may keep this many endpoints: each run's end is one delivery per subscribed endpoint. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

export const AddWebhookEndpointSchema = z
  .object({
    url: WebhookUrlSchema,
    events: z
      .array(WebhookEventTypeSchema)
      .min(1, "subscribe to at least one event")
      .transform((events) => [...new Set(events)]),
  })
  .strict();

export const RemoveWebhookEndpointSchema = z.object({ endpointId: z.uuid() }).strict();

/** Another tenant's endpoint is "not found", exactly like an id that does not exist. */
export class WebhookEndpointNotFoundError extends SwitchyardError {
  constructor() {
    super("webhook_endpoint_not_found", "That webhook endpoint does not exist.");
  }
}

export class TooManyWebhookEndpointsError extends SwitchyardError {
  constructor() {
    super("too_many_webhook_endpoints", `A tenant keeps at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints.`);
  }
}

/** One delivery as the dashboard shows it: what was sent, how often, how it went. */
export interface WebhookDeliverySummary {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** An endpoint as the dashboard shows it: never its secret. */
export interface WebhookEndpointSummary {
  id: string;
  tenantId: string;
  url: string;
  events: string[];
  isEnabled: boolean;
  createdAt: Date;
  /** The newest deliveries, newest first. */
  deliveries: WebhookDeliverySummary[];
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError(what, describeIssues(parsed.error.issues, "body"));
  return parsed.data;
}

/** Adds an endpoint: its secret is returned this once and never shown again. */
export async function addWebhookEndpoint(
  db: PrismaClient,
  tenantId: string,
  input: unknown,
): Promise<{ endpoint: WebhookEndpointSummary; secret: string }> {
  const { url, events } = parse(AddWebhookEndpointSchema, input, "webhook endpoint");
  if ((await db.webhookEndpoint.count({ where: { tenantId } })) >= MAX_ENDPOINTS_PER_TENANT) {
    throw new TooManyWebhookEndpointsError();
  }
  const secret = generateWebhookSecret();
  const row = await db.webhookEndpoint.create({ data: { tenantId, url, secret, events } });
  return {
    endpoint: { id: row.id, tenantId, url, events, isEnabled: row.isEnabled, createdAt: row.createdAt, deliveries: [] },
    secret,
  };
}

/** Removes an endpoint of the tenant and its delivery log; deliveries still queued are skipped. */
export async function removeWebhookEndpoint(db: PrismaClient, tenantId: string, input: unknown): Promise<void> {
  const { endpointId } = parse(RemoveWebhookEndpointSchema, input, "webhook endpoint");
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id: endpointId, tenantId } });
  if (count === 0) throw new WebhookEndpointNotFoundError();
}

/** The endpoints of these tenants with each one's newest deliveries (secrets never read). */
export async function listWebhookEndpoints(
  db: PrismaClient,
  tenantIds: string[],
  deliveriesPerEndpoint = 20,
): Promise<WebhookEndpointSummary[]> {
  return db.webhookEndpoint.findMany({
    where: { tenantId: { in: tenantIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      tenantId: true,
      url: true,
      events: true,
      isEnabled: true,
      createdAt: true,
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: deliveriesPerEndpoint,
        select: {
          id: true,
          eventId: true,
          eventType: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          nextAttemptAt: true,
          deliveredAt: true,
          createdAt: true,
        },
      },
    },
  });
}
