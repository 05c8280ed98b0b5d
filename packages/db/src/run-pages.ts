import { z } from "zod";
import type { AgentRun, Prisma, PrismaClient, RunStatus } from "./generated/prisma/client";

/**
 * Runs newest first, a page at a time, by keyset (queued_at, id) rather than OFFSET: a page
 * costs one short index range however deep it is, and a run queued while someone pages
 * neither repeats nor skips a row. The API and the dashboard's runs tab both page this way.
 */
export interface RunPageQuery {
  /** Undefined: every tenant (operators). */
  tenantIds?: string[];
  status?: RunStatus;
  role?: string;
  /** queued_at at or after. */
  since?: Date;
  /** queued_at before. */
  until?: Date;
  /** Older than this cursor (the next page), or newer than it (the previous page). */
  after?: string;
  before?: string;
  limit: number;
}

export interface RunPage<R> {
  runs: R[];
  /** The page after this one (older runs), or null at the end. */
  nextCursor: string | null;
  /** The page before this one (newer runs), or null on the first page. */
  prevCursor: string | null;
}

const CursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** A cursor is opaque to clients: the position (queued_at, id) of a run, base64url-encoded. */
export function encodeRunCursor(run: Pick<AgentRun, "queuedAt" | "id">): string {
  return Buffer.from(JSON.stringify([run.queuedAt.toISOString(), run.id])).toString("base64url");
}

/** The position a cursor names, or undefined when it is not one this module wrote. */
export function decodeRunCursor(cursor: string): { queuedAt: Date; id: string } | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { queuedAt: new Date(parsed.data[0]), id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export class InvalidRunCursorError extends Error {
  constructor() {
    super("The cursor is not one this API returned; start again from the first page.");
    this.name = "InvalidRunCursorError";
  }
}

/**
 * One page of runs. `include` shapes each row (the dashboard adds the tenant's name). The
 * position test is written as `queued_at <= t AND (queued_at < t OR id < i)`: the first half
 * is an index range on (tenant_id, queued_at, id) or (queued_at, id), the second only sorts
 * out runs queued in the same millisecond.
 */
export async function listRunPage<I extends Prisma.AgentRunInclude = Record<string, never>>(
  db: PrismaClient,
  query: RunPageQuery,
  include?: I,
): Promise<RunPage<Prisma.AgentRunGetPayload<{ include: I }>>> {
  const cursor = query.after ?? query.before;
  const position = cursor === undefined ? undefined : decodeRunCursor(cursor);
  if (cursor !== undefined && position === undefined) throw new InvalidRunCursorError();
  const isBackward = query.before !== undefined && query.after === undefined;
  const where: Prisma.AgentRunWhereInput = {
    ...(query.tenantIds && { tenantId: { in: query.tenantIds } }),
    ...(query.status && { status: query.status }),
    ...(query.role && { role: query.role }),
    ...((query.since ?? query.until) && { queuedAt: { gte: query.since, lt: query.until } }),
  };
  const beyond: Prisma.AgentRunWhereInput | undefined =
    position &&
    (isBackward
      ? {
          queuedAt: { gte: position.queuedAt },
          OR: [{ queuedAt: { gt: position.queuedAt } }, { id: { gt: position.id } }],
        }
      : {
          queuedAt: { lte: position.queuedAt },
          OR: [{ queuedAt: { lt: position.queuedAt } }, { id: { lt: position.id } }],
        });
  const direction = isBackward ? "asc" : "desc";
  const rows = await db.agentRun.findMany({
    where: beyond ? { AND: [where, beyond] } : where,
    orderBy: [{ queuedAt: direction }, { id: direction }],
    take: query.limit + 1,
    ...(include && { include }),
  });
  const hasMore = rows.length > query.limit;
  const runs = rows.slice(0, query.limit) as Prisma.AgentRunGetPayload<{ include: I }>[];
  if (isBackward) runs.reverse();
  const first = runs[0];
  const last = runs.at(-1);
  return {
    runs,
    nextCursor: last && (isBackward || hasMore) ? encodeRunCursor(last) : null,
    prevCursor: first && (isBackward ? hasMore : position !== undefined) ? encodeRunCursor(first) : null,
  };
}
