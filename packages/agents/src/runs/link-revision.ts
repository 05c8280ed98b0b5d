import type { PrismaClient, Review } from "@switchyard/db";

/**
 * Records which run rewrites a rejected piece: the review points at its revision run
 * (the run itself was created pointing back at the run it revises).
 */
export async function linkRevision(db: PrismaClient, reviewId: string, revisionRunId: string): Promise<Review> {
  return db.review.update({ where: { id: reviewId }, data: { revisionRunId } });
}
