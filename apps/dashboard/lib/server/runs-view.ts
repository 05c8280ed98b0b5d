import "server-only";
import { InvalidRunCursorError, listRunPage } from "@switchyard/db";
import { canAccess, scopedTenantIds, type Viewer } from "./auth";
import type { PageFilters } from "./page-filters";
import { db } from "./services";

export const RUNS_PAGE_SIZE = 50;

/** One page of runs, newest first, inside the viewer's tenants; a cursor that is not ours shows the first page. */
export async function listRuns(viewer: Viewer, filters: PageFilters) {
  const query = {
    tenantIds: scopedTenantIds(viewer, filters.tenant),
    role: filters.role,
    status: filters.status,
    limit: RUNS_PAGE_SIZE,
  };
  const include = { tenant: { select: { name: true } } };
  try {
    return await listRunPage(db(), { ...query, after: filters.after, before: filters.before }, include);
  } catch (error) {
    if (error instanceof InvalidRunCursorError) return listRunPage(db(), query, include);
    throw error;
  }
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
