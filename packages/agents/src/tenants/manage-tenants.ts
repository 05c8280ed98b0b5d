import { Prisma, type PrismaClient } from "@switchyard/db";
import { describeIssues, InvalidPayloadError, TenantNotFoundError } from "../lib/errors";
import { AGENT_ROLES } from "../lib/agent-roles";
import { type AuditActor, CLI_ACTOR, recordAudit } from "../audit/audit-log";
import { TenantArchivedError, TenantSlugTakenError } from "./tenant-errors";
import { CreateTenantSchema, DEFAULT_FLOOR } from "./tenant-schemas";

/** A tenant as the operators' pages and CLI list it. */
export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  baselineModel: string;
  balanceMicros: number;
  createdAt: Date;
  archivedAt: Date | null;
  members: number;
  /** The floor per role (AgentConfig model). */
  floors: Record<string, string>;
}

/**
 * Creates a tenant with an AgentConfig (its floor) for every role, in one transaction. A taken slug is refused
 * by the unique index, so two racing creations of one slug leave one tenant.
 */
export async function createTenant(
  db: PrismaClient,
  input: unknown,
  by: AuditActor = CLI_ACTOR,
): Promise<TenantSummary> {
  const parsed = CreateTenantSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("tenant", describeIssues(parsed.error.issues, "body"));
  const { slug, name, baselineModel, floors } = parsed.data;
  try {
    const id = await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug, name, baselineModel } });
      const configs = AGENT_ROLES.map((role) => ({ tenantId: tenant.id, role, model: floors[role] ?? DEFAULT_FLOOR }));
      await tx.agentConfig.createMany({ data: configs });
      const after = { slug, name, baselineModel, floors: Object.fromEntries(configs.map((c) => [c.role, c.model])) };
      await recordAudit(tx, by, {
        tenantId: tenant.id,
        action: "tenant.create",
        target: `tenant:${slug}`,
        before: null,
        after,
      });
      return tenant.id;
    });
    return await readTenant(db, id);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new TenantSlugTakenError(slug);
    throw error;
  }
}

/** Every tenant, archived ones last, by name. */
export async function listTenants(db: PrismaClient): Promise<TenantSummary[]> {
  const tenants = await db.tenant.findMany({
    include: { configs: { select: { role: true, model: true } }, _count: { select: { memberships: true } } },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return tenants.map(summarize);
}

async function readTenant(db: PrismaClient, id: string): Promise<TenantSummary> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id },
    include: { configs: { select: { role: true, model: true } }, _count: { select: { memberships: true } } },
  });
  return summarize(tenant);
}

function summarize(
  t: Prisma.TenantGetPayload<{
    include: { configs: { select: { role: true; model: true } }; _count: { select: { memberships: true } } };
  }>,
): TenantSummary {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    baselineModel: t.baselineModel,
    balanceMicros: Number(t.balanceMicros),
    createdAt: t.createdAt,
    archivedAt: t.archivedAt,
    members: t._count.memberships,
    floors: Object.fromEntries(t.configs.map((c) => [c.role, c.model])),
  };
}

/** A tenant by its id or slug (the CLI names tenants by slug), or TenantNotFoundError. */
export async function findTenant(db: PrismaClient, ref: { id?: string; slug?: string }) {
  const tenant = ref.id
    ? await db.tenant.findUnique({ where: { id: ref.id } })
    : ref.slug
      ? await db.tenant.findUnique({ where: { slug: ref.slug } })
      : null;
  if (!tenant) throw new TenantNotFoundError((ref.slug ?? ref.id ?? "(none named)").slice(0, 64));
  return tenant;
}

/**
 * Archives a tenant: its rows stay, runs already queued still run (and are charged) and reads still work, but
 * new jobs, reviews and changes are refused (TenantArchivedError). Archiving it again changes nothing.
 */
export async function archiveTenant(
  db: PrismaClient,
  ref: { id?: string; slug?: string },
  { now = new Date(), by = CLI_ACTOR }: { now?: Date; by?: AuditActor } = {},
): Promise<{ tenant: TenantSummary; isDuplicate: boolean }> {
  return setArchived(db, ref, now, by);
}

/** Brings an archived tenant back as it was: its people, keys and settings were kept. */
export async function restoreTenant(
  db: PrismaClient,
  ref: { id?: string; slug?: string },
  { by = CLI_ACTOR }: { by?: AuditActor } = {},
): Promise<{ tenant: TenantSummary; isDuplicate: boolean }> {
  return setArchived(db, ref, null, by);
}

/** One conditional UPDATE (a repeat changes nothing and logs nothing) and its audit row, in one transaction. */
async function setArchived(
  db: PrismaClient,
  ref: { id?: string; slug?: string },
  archivedAt: Date | null,
  by: AuditActor,
): Promise<{ tenant: TenantSummary; isDuplicate: boolean }> {
  const tenant = await findTenant(db, ref);
  const count = await db.$transaction(async (tx) => {
    const changed = await tx.tenant.updateMany({
      where: { id: tenant.id, archivedAt: archivedAt ? null : { not: null } },
      data: { archivedAt },
    });
    if (changed.count > 0)
      await recordAudit(tx, by, {
        tenantId: tenant.id,
        action: archivedAt ? "tenant.archive" : "tenant.restore",
        target: `tenant:${tenant.slug}`,
        before: { archivedAt: tenant.archivedAt },
        after: { archivedAt },
      });
    return changed.count;
  });
  return { tenant: await readTenant(db, tenant.id), isDuplicate: count === 0 };
}

/** Refuses new work for an archived tenant (or one that does not exist). */
export async function assertTenantActive(db: Prisma.TransactionClient | PrismaClient, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, archivedAt: true } });
  if (!tenant) throw new TenantNotFoundError(tenantId);
  if (tenant.archivedAt) throw new TenantArchivedError(tenant.slug);
}
