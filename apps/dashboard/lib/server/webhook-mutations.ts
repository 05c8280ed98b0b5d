import "server-only";
import { addWebhookEndpoint, recordAudit, removeWebhookEndpoint } from "@switchyard/agents";
import { z } from "zod";
import { canAccess, type Viewer } from "./auth";
import { actorOf, ForbiddenError, NotFoundError } from "./mutations";
import { db } from "./services";

/**
 * An endpoint receives the tenant's events and holds a signing secret: only owners, and operators who act as
 * owners everywhere, add or remove one. Another tenant is "not found"; a weaker role is "forbidden".
 */
function ownedTenant(viewer: Viewer, tenantId: unknown, what: string): string {
  const id = z.uuid().safeParse(tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError(what);
  return id.data;
}

export async function addWebhookEndpointAs(
  viewer: Viewer,
  input: { tenantId?: unknown; url?: unknown; events?: unknown },
) {
  const tenantId = ownedTenant(viewer, input.tenantId, "add webhook endpoints");
  const added = await addWebhookEndpoint(db(), tenantId, { url: input.url, events: input.events });
  const { id, url, events } = added.endpoint;
  await recordAudit(db(), actorOf(viewer), {
    tenantId,
    action: "webhook_endpoint.add",
    target: `webhook_endpoint:${id}`,
    before: null,
    after: { url, events },
  });
  return added;
}

/** Removes an endpoint of the tenant; an endpoint of another tenant, named under this one, is "not found". */
export async function removeWebhookEndpointAs(viewer: Viewer, input: { tenantId?: unknown; endpointId?: unknown }) {
  const tenantId = ownedTenant(viewer, input.tenantId, "remove webhook endpoints");
  const endpointId = z.uuid().safeParse(input.endpointId).data;
  const before = endpointId
    ? await db().webhookEndpoint.findFirst({ where: { id: endpointId, tenantId }, select: { url: true, events: true } })
    : null;
  await removeWebhookEndpoint(db(), tenantId, { endpointId: input.endpointId });
  await recordAudit(db(), actorOf(viewer), {
    tenantId,
    action: "webhook_endpoint.remove",
    target: `webhook_endpoint:${endpointId ?? "?"}`,
    before,
    after: null,
  });
}
