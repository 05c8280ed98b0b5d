import "server-only";
import { tenantFilter, canAccess, type Viewer } from "./auth";
import type { PageFilters } from "./page-filters";
import { db } from "./services";

export const RUNS_PAGE_SIZE = 50;

/** One page of runs, newest first, inside the viewer's tenants. */
export async function listRuns(viewer: Viewer, filters: PageFilters) {
  const runs = await db().agentRun.findMany({
    where: {
      ...tenantFilter(viewer, filters.tenant),
      ...(filters.role && { role: filters.role }),
      ...(filters.status && { status: filters.status }),
    },
    orderBy: { queuedAt: "desc" },
    skip: (filters.page - 1) * RUNS_PAGE_SIZE,
    take: RUNS_PAGE_SIZE + 1,
    include: { tenant: { select: { name: true } } },
  });
  return { runs: runs.slice(0, RUNS_PAGE_SIZE), hasNext: runs.length > RUNS_PAGE_SIZE };
}

/** A run with its content and tenant, or undefined when the viewer may not see it. */
export async function loadRunForViewer(viewer: Viewer, runId: string) {
  const run = await db().agentRun.findUnique({
    where: { id: runId },
    include: {
      content: true,
      tenant: { select: { name: true } },
      batch: { select: { id: true, providerBatchId: true, status: true, submittedAt: true, endedAt: true } },
    },
  });
  return run && canAccess(viewer, run.tenantId) ? run : undefined;
}

/** A run of one tenant (an API key's), with its content; another tenant's run is undefined. */
export async function loadRunForTenant(tenantId: string, runId: string) {
  const run = await db().agentRun.findFirst({
    where: { id: runId, tenantId },
    include: {
      content: { include: { reviews: { orderBy: { createdAt: "desc" }, take: 1 } } },
      batch: { select: { id: true, providerBatchId: true, status: true, submittedAt: true, endedAt: true } },
    },
  });
  return run ?? undefined;
}
