import "server-only";
import type { ContentStatus } from "@switchyard/db";
import { tenantFilter, type Viewer } from "./auth";
import { db } from "./services";

/** The newest pieces of one status inside the viewer's tenants, with the run that wrote each. */
export async function listContent(viewer: Viewer, { status, tenant }: { status: ContentStatus; tenant?: string }) {
  return db().contentItem.findMany({
    where: { ...tenantFilter(viewer, tenant), status },
    orderBy: { createdAt: "desc" },
    take: 30,
    include: {
      run: { select: { id: true, role: true, modelRoutedTo: true, source: true } },
      tenant: { select: { name: true } },
    },
  });
}

/** The tenant a content item belongs to, for a scope check before a review. */
export async function contentTenantId(contentItemId: string): Promise<string | undefined> {
  const item = await db().contentItem.findUnique({ where: { id: contentItemId }, select: { tenantId: true } });
  return item?.tenantId;
}

/** The tenant an agent configuration belongs to, for a scope check before a change. */
export async function configTenantId(configId: string): Promise<string | undefined> {
  const config = await db().agentConfig.findUnique({ where: { id: configId }, select: { tenantId: true } });
  return config?.tenantId;
}
