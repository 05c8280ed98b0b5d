import "server-only";
import { listMembers, listTenants, type MemberSummary, type TenantSummary } from "@switchyard/agents";
import { canAccess, type Viewer, visibleTenantIds } from "./auth";
import { db } from "./services";

export interface TenantPeople {
  tenant: { id: string; name: string; slug: string; isArchived: boolean };
  /** Owners (editors and viewers to their tenant) and operators (anyone) add people; archived tenants take none. */
  canInvite: boolean;
  /** Operators may make owners; owners invite editors and viewers. */
  roles: ("owner" | "editor" | "viewer")[];
  members: MemberSummary[];
}

/** The people of every tenant the viewer sees (never a hash or a link), by tenant name. */
export async function loadPeople(viewer: Viewer, now = new Date()): Promise<TenantPeople[]> {
  const visible = visibleTenantIds(viewer);
  const tenants = await db().tenant.findMany({
    where: visible ? { id: { in: visible } } : {},
    select: { id: true, name: true, slug: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  const members = await listMembers(
    db(),
    tenants.map((t) => t.id),
    now,
  );
  return tenants.map((t) => ({
    tenant: { id: t.id, name: t.name, slug: t.slug, isArchived: t.archivedAt !== null },
    canInvite: canAccess(viewer, t.id, "owner"),
    roles: viewer.isOperator ? ["owner", "editor", "viewer"] : ["editor", "viewer"],
    members: members.get(t.id) ?? [],
  }));
}

/** Every tenant, for the operators' page; undefined for anyone else (the page is then not found). */
export async function loadTenantsForOperator(viewer: Viewer): Promise<TenantSummary[] | undefined> {
  if (!viewer.isOperator) return undefined;
  return listTenants(db());
}
