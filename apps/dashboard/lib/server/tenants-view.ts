import "server-only";
import type { MemberRole } from "@switchyard/db";
import { canAccess, type Viewer, visibleTenantIds } from "./auth";
import { db } from "./services";

/** The tenants a viewer sees (where the viewer has at least `minRole`), by name. */
export async function listVisibleTenants(viewer: Viewer, { minRole = "viewer" }: { minRole?: MemberRole } = {}) {
  const visible = visibleTenantIds(viewer);
  const tenants = await db().tenant.findMany({
    where: visible ? { id: { in: visible } } : {},
    select: { id: true, name: true, balanceMicros: true, baselineModel: true },
    orderBy: { name: "asc" },
  });
  return tenants.filter((t) => canAccess(viewer, t.id, minRole));
}
