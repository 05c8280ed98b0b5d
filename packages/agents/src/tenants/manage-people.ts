import type { MemberRole, PrismaClient } from "@switchyard/db";
import { CLI_ACTOR, recordAudit } from "../audit/audit-log";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { issueInvitation, type IssuedInvitation } from "./invitations";
import { findTenant } from "./manage-tenants";
import { AlreadyMemberError, PersonNotFoundError, TenantArchivedError } from "./tenant-errors";
import { AddPersonSchema } from "./tenant-schemas";

/** Who adds people: the dashboard's user (an operator or an owner), or the operators' CLI (no user). */
export interface PeopleActor {
  userId?: string;
  /** Who the audit log names: the user's email. @defaultValue "cli" */
  label?: string;
  invitationTtlHours: number;
  now?: Date;
}

export interface PersonAdded {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  /** True when the account was made now; false when an existing account was given the membership. */
  isNewPerson: boolean;
  /** The one-time link's token, for a new person only: shown this once. */
  invitation?: IssuedInvitation;
  /** The other tenants an existing account already belongs to (by slug), for the operator to check. */
  otherTenants: string[];
}

/** A member as the people page and `pnpm sy user list` show them: never a hash, never a token. */
export interface MemberSummary {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  isOperator: boolean;
  /** "active" once a password is set; otherwise whether their newest link still works. */
  state: "active" | "invited" | "invitation_expired";
  invitationExpiresAt: Date | null;
}

/**
 * Adds a person to a tenant with a role. Someone new gets an account without a password and a one-time link to
 * set one; an existing account (by email) just gets the membership. Permission (operators anywhere, owners in
 * their tenant) is the caller's to check.
 */
export async function addPerson(
  db: PrismaClient,
  actor: PeopleActor,
  tenantRef: { id?: string; slug?: string },
  input: unknown,
): Promise<PersonAdded> {
  const parsed = AddPersonSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("person", describeIssues(parsed.error.issues, "body"));
  const { email, name, role } = parsed.data;
  const tenant = await findTenant(db, tenantRef);
  if (tenant.archivedAt) throw new TenantArchivedError(tenant.slug);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email },
      include: { memberships: { include: { tenant: { select: { slug: true } } } } },
    });
    if (existing) {
      const already = existing.memberships.find((m) => m.tenantId === tenant.id);
      if (already) throw new AlreadyMemberError(email, already.role);
      await tx.membership.create({ data: { userId: existing.id, tenantId: tenant.id, role } });
      await auditMembership(tx, actor, tenant.id, { email, role, isNewPerson: false });
      const otherTenants = existing.memberships.map((m) => m.tenant.slug);
      return { userId: existing.id, email, name: existing.name, role, isNewPerson: false, otherTenants };
    }
    if (!name) throw new InvalidPayloadError("person", ["name: required for someone without an account"]);
    const user = await tx.user.create({
      data: { email, name, passwordHash: null, memberships: { create: { tenantId: tenant.id, role } } },
    });
    const invitation = await issueInvitation(
      tx,
      { userId: user.id, tenantId: tenant.id },
      { ttlHours: actor.invitationTtlHours, now: actor.now, createdById: actor.userId ?? null },
    );
    await auditMembership(tx, actor, tenant.id, {
      email,
      role,
      isNewPerson: true,
      linkExpiresAt: invitation.expiresAt,
    });
    return { userId: user.id, email, name, role, isNewPerson: true, invitation, otherTenants: [] };
  });
}

/**
 * A new link for someone who has not set a password yet (theirs expired or was lost); their older links stop.
 * Operators only: a link sets the account's password, and the account may belong to other tenants.
 */
export async function reissueInvitation(
  db: PrismaClient,
  actor: PeopleActor,
  input: { email: unknown },
): Promise<IssuedInvitation & { email: string }> {
  const email = AddPersonSchema.shape.email.safeParse(input.email);
  if (!email.success) throw new InvalidPayloadError("person", describeIssues(email.error.issues, "email"));
  const user = await db.user.findUnique({ where: { email: email.data }, include: { memberships: true } });
  if (!user) throw new PersonNotFoundError(email.data);
  if (user.passwordHash)
    throw new InvalidPayloadError("person", [`${email.data} has already set a password; they sign in with it`]);
  const tenantId = user.memberships[0]?.tenantId;
  if (!tenantId) throw new InvalidPayloadError("person", [`${email.data} belongs to no tenant; add them to one`]);
  const invitation = await db.$transaction((tx) =>
    issueInvitation(
      tx,
      { userId: user.id, tenantId },
      { ttlHours: actor.invitationTtlHours, now: actor.now, createdById: actor.userId ?? null },
    ),
  );
  await recordAudit(db, by(actor), {
    tenantId,
    action: "invitation.reissue",
    target: `person:${email.data}`,
    before: null,
    after: { email: email.data, linkExpiresAt: invitation.expiresAt },
  });
  return { ...invitation, email: email.data };
}

const by = (actor: PeopleActor) => ({ userId: actor.userId, label: actor.label ?? CLI_ACTOR.label });

/** The audit row of a membership: who was added where with which role; never the link's token. */
function auditMembership(
  tx: Parameters<typeof recordAudit>[0],
  actor: PeopleActor,
  tenantId: string,
  after: { email: string; role: string; isNewPerson: boolean; linkExpiresAt?: Date },
) {
  return recordAudit(tx, by(actor), {
    tenantId,
    action: "membership.add",
    target: `person:${after.email}`,
    before: null,
    after,
  });
}

/** Members of the given tenants, by tenant, by name. */
export async function listMembers(
  db: PrismaClient,
  tenantIds: string[],
  now = new Date(),
): Promise<Map<string, MemberSummary[]>> {
  const memberships = await db.membership.findMany({
    where: { tenantId: { in: tenantIds } },
    include: {
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          isOperator: true,
          passwordHash: true,
          invitations: { orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true, usedAt: true } },
        },
      },
    },
    orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
  });
  const byTenant = new Map<string, MemberSummary[]>(tenantIds.map((id) => [id, []]));
  for (const m of memberships) {
    const link = m.user.invitations[0];
    const isLinkLive = Boolean(link && !link.usedAt && link.expiresAt.getTime() > now.getTime());
    byTenant.get(m.tenantId)?.push({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      isOperator: m.user.isOperator,
      state: m.user.passwordHash ? "active" : isLinkLive ? "invited" : "invitation_expired",
      invitationExpiresAt: m.user.passwordHash ? null : (link?.expiresAt ?? null),
    });
  }
  return byTenant;
}
