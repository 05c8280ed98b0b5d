import "server-only";
import { type AuditEventView, listAuditEvents } from "@switchyard/agents";
import { canAccess, type Viewer, visibleTenantIds } from "./auth";
import { db } from "./services";

/**
 * The audit log a viewer may read: operators every change, owners their tenants' changes, and no one else
 * (undefined: the viewer may not see the log at all).
 */
export async function loadAuditLog(
  viewer: Viewer,
  query: { before?: string },
): Promise<{ events: AuditEventView[]; nextBefore: string | null } | undefined> {
  const visible = visibleTenantIds(viewer);
  const owned = visible?.filter((id) => canAccess(viewer, id, "owner"));
  if (owned && owned.length === 0) return undefined;
  return listAuditEvents(db(), owned, { before: query.before, limit: 50 });
}
