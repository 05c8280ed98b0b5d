import "server-only";
import { listWebhookEndpoints, type WebhookEndpointSummary } from "@switchyard/agents";
import { canAccess, type Viewer } from "./auth";
import { db } from "./services";
import { listVisibleTenants } from "./tenants-view";

export interface TenantWebhooks {
  tenant: { id: string; name: string };
  /** Owners (and operators) add and remove endpoints; editors and viewers see them and their deliveries. */
  canManage: boolean;
  endpoints: WebhookEndpointSummary[];
}

/** Every visible tenant's endpoints (never a secret) with each one's newest deliveries. */
export async function loadWebhooks(viewer: Viewer): Promise<TenantWebhooks[]> {
  const tenants = await listVisibleTenants(viewer);
  const endpoints = await listWebhookEndpoints(
    db(),
    tenants.map((t) => t.id),
  );
  return tenants.map((t) => ({
    tenant: { id: t.id, name: t.name },
    canManage: canAccess(viewer, t.id, "owner"),
    endpoints: endpoints.filter((e) => e.tenantId === t.id),
  }));
}
