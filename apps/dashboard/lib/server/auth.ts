import "server-only";
import type { MemberRole } from "@switchyard/db";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "./services";
import { getSession, isSessionCurrent } from "./session";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  isOperator: boolean;
  /** Tenant id → the viewer's role there. Operators act as owners everywhere. */
  roles: Map<string, MemberRole>;
  /** Archived tenants the viewer sees: readable, changed by nobody (operators restore them on /tenants). */
  archivedTenantIds?: ReadonlySet<string>;
}

const RANK: Record<MemberRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** The signed-in user, or undefined. Cached per request. */
export const currentViewer = cache(async (): Promise<Viewer | undefined> => {
  const session = await getSession();
  if (!isSessionCurrent(session)) return undefined;
  return loadViewer(session.userId);
});

/** A user as the pages and actions see them: their roles, and which of their tenants are archived. */
export async function loadViewer(userId: string): Promise<Viewer | undefined> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { tenant: { select: { archivedAt: true } } } } },
  });
  if (!user) return undefined;
  const archived = user.isOperator
    ? (await db().tenant.findMany({ where: { archivedAt: { not: null } }, select: { id: true } })).map((t) => t.id)
    : user.memberships.filter((m) => m.tenant.archivedAt).map((m) => m.tenantId);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isOperator: user.isOperator,
    roles: new Map(user.memberships.map((m) => [m.tenantId, m.role])),
    archivedTenantIds: new Set(archived),
  };
}

export async function requireViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** The tenants a viewer may see; undefined means every tenant (operators). */
export function visibleTenantIds(viewer: Viewer): string[] | undefined {
  return viewer.isOperator ? undefined : [...viewer.roles.keys()];
}

/**
 * Whether the viewer may act on the tenant with at least `needed`. An archived tenant is read-only for everyone:
 * anything above looking is refused, operators included (they restore it first).
 */
export function canAccess(viewer: Viewer, tenantId: string, needed: MemberRole = "viewer"): boolean {
  if (needed !== "viewer" && viewer.archivedTenantIds?.has(tenantId)) return false;
  if (viewer.isOperator) return true;
  const role = viewer.roles.get(tenantId);
  return role !== undefined && RANK[role] >= RANK[needed];
}

/**
 * The tenants a query may cover: the requested one if the viewer may see it (else
 * none), otherwise every tenant the viewer sees; undefined means every tenant (operators).
 */
export function scopedTenantIds(viewer: Viewer, requested?: string): string[] | undefined {
  if (requested) return canAccess(viewer, requested) ? [requested] : [];
  return visibleTenantIds(viewer);
}

/** A Prisma `where` fragment that keeps every query inside the viewer's tenants. */
export function tenantFilter(viewer: Viewer, requested?: string): { tenantId?: { in: string[] } } {
  const scoped = scopedTenantIds(viewer, requested);
  return scoped ? { tenantId: { in: scoped } } : {};
}
