import "server-only";
import { type ApiKeySummary, listApiKeys } from "@switchyard/agents";
import { canAccess, type Viewer } from "./auth";
import { db } from "./services";
import { listVisibleTenants } from "./tenants-view";

export interface TenantApiKeys {
  tenant: { id: string; name: string };
  /** Owners (and operators) issue, revoke and rotate; editors and viewers only see the list. */
  canManage: boolean;
  keys: ApiKeySummary[];
}

/** The API keys of every tenant the viewer sees (never a hash, never a key), newest first. */
export async function loadApiKeys(viewer: Viewer, now = new Date()): Promise<TenantApiKeys[]> {
  const tenants = await listVisibleTenants(viewer);
  const keys = await listApiKeys(
    db(),
    tenants.map((t) => t.id),
    now,
  );
  const byTenant = new Map<string, ApiKeySummary[]>();
  for (const key of keys) byTenant.set(key.tenantId, [...(byTenant.get(key.tenantId) ?? []), key]);
  return tenants.map((t) => ({
    tenant: { id: t.id, name: t.name },
    canManage: canAccess(viewer, t.id, "owner"),
    keys: byTenant.get(t.id) ?? [],
  }));
}
