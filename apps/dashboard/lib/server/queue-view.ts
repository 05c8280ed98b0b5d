import "server-only";
import { LANE_NAMES, type Lane, type LaneStatus, readLaneStatus } from "@switchyard/agents";
import { Prisma } from "@switchyard/db";
import { scopedTenantIds, type Viewer } from "./auth";
import type { PageFilters } from "./page-filters";
import { db, queues } from "./services";

/** How far back the wait-time figures look. */
export const WAIT_WINDOW_HOURS = 1;

export interface LaneWaits {
  lane: Lane;
  /** Runs of the window that have started, and their wait from queued to started. */
  started: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Runs of these tenants waiting now, and how long the oldest has waited. */
  queuedNow: number;
  oldestQueuedMs: number | null;
}

export interface QueueView {
  /** Lane depth and throttling from Redis; an error message when Redis cannot be reached. */
  lanes: LaneStatus[] | { error: string };
  waits: LaneWaits[];
  /** Operators only: who is waiting in which lane. */
  backlogByTenant: { tenant: string; lane: Lane; queued: number }[];
}

export async function loadQueueView(viewer: Viewer, filters: PageFilters): Promise<QueueView> {
  // null (SQL NULL) covers every tenant: operators without a tenant filter.
  const tenantIds = scopedTenantIds(viewer, filters.tenant) ?? null;
  const inScope = Prisma.sql`(${tenantIds}::uuid[] IS NULL OR tenant_id = ANY(${tenantIds}::uuid[]))`;
  const since = new Date(Date.now() - WAIT_WINDOW_HOURS * 3_600_000);
  const [lanes, started, queued, backlog] = await Promise.all([
    readLaneStatus(queues()).catch((error: unknown) => ({
      error: `Queue status unavailable: ${error instanceof Error ? error.message : String(error)}`,
    })),
    db().$queryRaw<{ lane: Lane; started: number; p50: number | null; p95: number | null }[]>`
      SELECT lane, count(*)::int AS started,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - queued_at) * 1000) AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - queued_at) * 1000) AS p95
      FROM agent_runs
      WHERE lane = ANY(${LANE_NAMES}::text[]) AND queued_at >= ${since} AND started_at IS NOT NULL
        AND ${inScope}
      GROUP BY lane`,
    db().$queryRaw<{ lane: Lane; queued: number; oldest: Date | null }[]>`
      SELECT lane, count(*)::int AS queued, min(queued_at) AS oldest
      FROM agent_runs
      WHERE status = 'queued' AND lane = ANY(${LANE_NAMES}::text[])
        AND ${inScope}
      GROUP BY lane`,
    viewer.isOperator
      ? db().$queryRaw<{ tenant: string; lane: Lane; queued: number }[]>`
          SELECT t.name AS tenant, r.lane, count(*)::int AS queued
          FROM agent_runs r JOIN tenants t ON t.id = r.tenant_id
          WHERE r.status = 'queued' AND r.lane = ANY(${LANE_NAMES}::text[])
            AND ${inScope}
          GROUP BY t.name, r.lane ORDER BY queued DESC LIMIT 20`
      : Promise.resolve([]),
  ]);
  const waits = LANE_NAMES.map((lane): LaneWaits => {
    const s = started.find((r) => r.lane === lane);
    const q = queued.find((r) => r.lane === lane);
    return {
      lane,
      started: s?.started ?? 0,
      p50Ms: s?.p50 ?? null,
      p95Ms: s?.p95 ?? null,
      queuedNow: q?.queued ?? 0,
      oldestQueuedMs: q?.oldest ? Date.now() - q.oldest.getTime() : null,
    };
  });
  return { lanes, waits, backlogByTenant: backlog };
}
