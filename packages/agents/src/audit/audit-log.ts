import type { Prisma, PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError } from "../lib/errors";

/** Who made a change: a signed-in person (their id and email), or the operator's command line. */
export interface AuditActor {
  userId?: string;
  /** Readable and kept if the person is removed: an email, or "cli". */
  label: string;
}

export const CLI_ACTOR: AuditActor = { label: "cli" };

export interface AuditChange {
  /** The tenant the change belongs to (null: none in particular). */
  tenantId: string | null;
  /** What was done, e.g. "spend_caps.set". */
  action: string;
  /** What it was done to, e.g. "api_key:<id>". */
  target: string;
  /** The state before and after, as plain JSON: never a secret or a hash of one. */
  before: unknown;
  after: unknown;
}

/** Plain JSON of a snapshot: BIGINT amounts (micro-dollars, exact below 2^53) as numbers, dates as ISO text. */
const asJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null
    ? undefined
    : (JSON.parse(
        JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v)),
      ) as Prisma.InputJsonValue);

/** Writes one change to the audit log; a change that changed nothing (same before and after) is not logged. */
export async function recordAudit(
  db: Pick<PrismaClient, "auditEvent">,
  actor: AuditActor,
  change: AuditChange,
): Promise<void> {
  const before = asJson(change.before);
  const after = asJson(change.after);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await db.auditEvent.create({
    data: {
      tenantId: change.tenantId,
      actorUserId: actor.userId ?? null,
      actor: actor.label,
      action: change.action,
      target: change.target,
      before,
      after,
    },
  });
}

/**
 * Runs a change between two reads of what it changes, and logs both if it succeeded. The reads are not in
 * the change's transaction: two owners saving the same setting at the same moment may each see the other's
 * value as their "before". A change that throws logs nothing.
 */
export async function audited<T>(
  db: PrismaClient,
  actor: AuditActor,
  what: { tenantId: string | null; action: string; target: string },
  read: () => Promise<unknown>,
  change: () => Promise<T>,
): Promise<T> {
  const before = await read();
  const result = await change();
  await recordAudit(db, actor, { ...what, before, after: await read() });
  return result;
}

export const AuditPageSchema = z
  .object({
    /** The id of the last row of the previous page (rows come newest first). */
    before: z.coerce.bigint().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface AuditEventView {
  id: string;
  tenantId: string | null;
  tenantName: string | null;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/**
 * A page of the log, newest first, of the given tenants (undefined: every tenant, and changes to none).
 * Keyset-paged on the id, so a deep page costs what the first does.
 */
export async function listAuditEvents(
  db: PrismaClient,
  tenantIds: string[] | undefined,
  input: unknown = {},
): Promise<{ events: AuditEventView[]; nextBefore: string | null }> {
  const parsed = AuditPageSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("audit page", describeIssues(parsed.error.issues, "query"));
  const { before, limit } = parsed.data;
  const rows = await db.auditEvent.findMany({
    where: { ...(tenantIds && { tenantId: { in: tenantIds } }), ...(before && { id: { lt: before } }) },
    orderBy: { id: "desc" },
    take: limit + 1,
    include: { tenant: { select: { name: true } } },
  });
  const page = rows.slice(0, limit);
  return {
    events: page.map((r) => ({
      id: String(r.id),
      tenantId: r.tenantId,
      tenantName: r.tenant?.name ?? null,
      actor: r.actor,
      action: r.action,
      target: r.target,
      before: r.before,
      after: r.after,
      createdAt: r.createdAt,
    })),
    nextBefore: rows.length > limit ? String(page.at(-1)?.id) : null,
  };
}
