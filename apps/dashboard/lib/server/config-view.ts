import "server-only";
import { tenantFilter, type Viewer } from "./auth";
import type { PageFilters } from "./page-filters";
import { db } from "./services";

/** The agent configurations (floors and judge settings per role) of the viewer's tenants. */
export async function listAgentConfigs(viewer: Viewer, filters: PageFilters) {
  return db().agentConfig.findMany({
    where: { ...tenantFilter(viewer, filters.tenant), ...(filters.role && { role: filters.role }) },
    include: { tenant: { select: { name: true } } },
    orderBy: [{ tenant: { name: "asc" } }, { role: "asc" }],
  });
}

/** The model each of the viewer's tenants runs its LLM judge on. */
export async function listJudgeModels(viewer: Viewer, filters: PageFilters) {
  const { tenantId } = tenantFilter(viewer, filters.tenant);
  return db().tenant.findMany({
    where: tenantId ? { id: tenantId } : {},
    select: { id: true, name: true, judgeModel: true, promptCacheTtl: true },
    orderBy: { name: "asc" },
  });
}
