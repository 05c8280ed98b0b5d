import "server-only";
import {
  addPerson,
  agentsEnv,
  archiveTenant,
  createTenant,
  MemberRoleSchema,
  reissueInvitation,
  restoreTenant,
  TenantArchivedError,
} from "@switchyard/agents";
import { z } from "zod";
import { canAccess, type Viewer } from "./auth";
import { ForbiddenError, NotFoundError } from "./mutations";
import { db } from "./services";

function requireOperator(viewer: Viewer, what: string): void {
  if (!viewer.isOperator) throw new ForbiddenError(what);
}

function tenantIdOf(input: unknown): string {
  const id = z.uuid().safeParse(input);
  if (!id.success) throw new NotFoundError("That tenant");
  return id.data;
}

const invitationTtlHours = () => agentsEnv().INVITATION_TTL_HOURS;

/** The audit log names the person acting by their email. */
const byViewer = (viewer: Viewer) => ({ userId: viewer.id, label: viewer.email });

/** Tenants are the platform's to make and archive: operators only. */
export async function createTenantAs(viewer: Viewer, input: Record<string, unknown>) {
  requireOperator(viewer, "create tenants");
  return createTenant(db(), input, byViewer(viewer));
}

export async function archiveTenantAs(viewer: Viewer, input: { tenantId?: unknown }) {
  requireOperator(viewer, "archive tenants");
  return archiveTenant(db(), { id: tenantIdOf(input.tenantId) }, { by: byViewer(viewer) });
}

export async function restoreTenantAs(viewer: Viewer, input: { tenantId?: unknown }) {
  requireOperator(viewer, "restore tenants");
  return restoreTenant(db(), { id: tenantIdOf(input.tenantId) }, { by: byViewer(viewer) });
}

/**
 * Operators add anyone to any tenant with any role. A tenant's owners invite editors and viewers to their own
 * tenant (a new owner is an operator's decision). Another tenant is "not found"; an editor or viewer, or an
 * owner naming the owner role, is "forbidden". An archived tenant takes nobody (canAccess refuses it).
 */
export async function addPersonAs(
  viewer: Viewer,
  input: { tenantId?: unknown; email?: unknown; name?: unknown; role?: unknown },
) {
  const tenantId = tenantIdOf(input.tenantId);
  if (!canAccess(viewer, tenantId)) throw new NotFoundError("That tenant");
  if (viewer.archivedTenantIds?.has(tenantId)) throw new TenantArchivedError(tenantId);
  if (!canAccess(viewer, tenantId, "owner")) throw new ForbiddenError("add people to this tenant");
  const role = MemberRoleSchema.safeParse(input.role);
  if (role.data === "owner" && !viewer.isOperator) throw new ForbiddenError("make someone an owner (ask an operator)");
  const name = typeof input.name === "string" && input.name.trim() === "" ? undefined : input.name;
  return addPerson(
    db(),
    { ...byViewer(viewer), invitationTtlHours: invitationTtlHours() },
    { id: tenantId },
    { email: input.email, name, role: input.role },
  );
}

/**
 * A new link for someone who never set a password. Operators only: the link sets the account's password, and
 * the account may belong to tenants the asking owner does not.
 */
export async function reissueInvitationAs(viewer: Viewer, input: { email?: unknown }) {
  requireOperator(viewer, "make a new invitation link");
  return reissueInvitation(
    db(),
    { userId: viewer.id, invitationTtlHours: invitationTtlHours() },
    { email: input.email },
  );
}
