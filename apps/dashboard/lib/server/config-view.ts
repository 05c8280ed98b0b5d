import "server-only";
import { tenantFilter, type Viewer } from "./auth";
import type { PageFilters } from "./page-filters";
import { db } from "./services";

/** The agent configurations (floors per role) of the viewer's tenants. */
export async function listAgentConfigs(viewer: Viewer, filters: PageFilters) {
  return db().agentConfig.findMany({
    where: { ...tenantFilter(viewer, filters.tenant), ...(filters.role && { role: filters.role }) },
    include: { tenant: { select: { name: true } } },
    orderBy: [{ tenant: { name: "asc" } }, { role: "asc" }],
  });
}
