import "server-only";
import type { Prisma } from "@switchyard/db";
import { tenantFilter, type Viewer } from "./auth";
import { CONTENT_PAGE_SIZE, type ContentFilters, REVIEW_STATES } from "./content-filters";
import { db } from "./services";

/** What a card shows of the piece a flagged draft nearly repeats (never another tenant's: the run's own tenant). */
const NEAR_TWIN = { select: { id: true, title: true, body: true, status: true, createdAt: true, runId: true } };

/**
 * One page of the review queue inside the viewer's tenants, newest first, with the run that wrote
 * each piece (its source, both automatic quality signals and the near-duplicate guard's finding, with
 * the near-twin of a flagged draft) and the review, if any. Stored vectors are not read.
 */
export async function listContentPage(viewer: Viewer, filters: ContentFilters) {
  const where: Prisma.ContentItemWhereInput = {
    ...tenantFilter(viewer, filters.tenant),
    status: REVIEW_STATES[filters.status],
    run: {
      ...(filters.status === "flagged" && { duplicateOutcome: "flagged" }),
      ...(filters.role && { role: filters.role }),
      ...(filters.model && { modelRoutedTo: filters.model }),
      ...(filters.tier && { taskComplexity: filters.tier }),
    },
  };
  const [total, items] = await Promise.all([
    db().contentItem.count({ where }),
    db().contentItem.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * CONTENT_PAGE_SIZE,
      take: CONTENT_PAGE_SIZE,
      omit: { embedding: true },
      include: {
        run: {
          select: {
            id: true,
            role: true,
            modelRoutedTo: true,
            taskComplexity: true,
            source: true,
            judgeStatus: true,
            judgeScore: true,
            judgeError: true,
            duplicateOutcome: true,
            duplicateSimilarity: true,
            duplicateThreshold: true,
            duplicateProvider: true,
            duplicateModel: true,
            duplicateContent: NEAR_TWIN,
          },
        },
        tenant: { select: { name: true } },
        reviews: { orderBy: { createdAt: "asc" }, take: 1 },
      },
    }),
  ]);
  return { items, total, pageCount: Math.max(1, Math.ceil(total / CONTENT_PAGE_SIZE)) };
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
