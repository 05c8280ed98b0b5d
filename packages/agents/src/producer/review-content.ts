import { type ContentItem, type PrismaClient, type Review, recordReviewRollup } from "@switchyard/db";
import { z } from "zod";
import { storableText } from "../lib/text";
import { describeIssues, IdempotencyKeyReusedError, InvalidPayloadError, SwitchyardError } from "../lib/errors";
import { enqueueAgentJob } from "./enqueue-agent-job";
import type { AgentQueues } from "../queues/agent-queues";
import { linkRevision } from "../runs";
import { assertTenantActive } from "../tenants/manage-tenants";

export const ReviewInputSchema = z
  .object({
    contentItemId: z.uuid(),
    verdict: z.enum(["approved", "rejected"]),
    /** 1–5; required on a rejection (it is the ground truth the judge is measured against), optional on approval. */
    score: z.number().int().min(1).max(5).optional(),
    feedback: storableText(4000).default(""),
  })
  .strict()
  .refine((r) => r.verdict === "approved" || r.score !== undefined, {
    message: "a rejection needs a score from 1 to 5",
    path: ["score"],
  })
  .refine((r) => r.verdict === "approved" || r.feedback.length >= 3, {
    message: "a rejection needs feedback the agent can act on",
    path: ["feedback"],
  });
export type ReviewInput = z.input<typeof ReviewInputSchema>;
type ParsedReview = z.output<typeof ReviewInputSchema>;

export class ContentNotFoundError extends SwitchyardError {
  constructor(id: string) {
    super("content_not_found", `Content item ${id} does not exist.`);
  }
}

/** Only a draft can be reviewed, once: a second, different verdict on the same piece is a conflict. */
export class ReviewConflictError extends SwitchyardError {
  constructor(id: string, status: ContentItem["status"], earlier: Review | null) {
    const what = earlier
      ? `was already ${earlier.verdict}${earlier.score === null ? "" : ` with score ${String(earlier.score)}`}`
      : `is ${status}, not a draft awaiting review`;
    super("review_conflict", `Content item ${id} ${what}; a review can only be recorded once, on a draft.`);
  }
}

export interface ReviewContentResult {
  review: Review;
  revisionRunId: string | null;
  /** True when an earlier identical review (or the same Idempotency-Key) answered: nothing new was written. */
  isDuplicate: boolean;
}

type Deps = { db: PrismaClient; queues: AgentQueues };

/**
 * A human verdict on what an agent wrote. A rejection re-runs the agent with the
 * draft and the feedback as revision history, which the router escalates.
 *
 * Idempotent: the draft → verdict move is one conditional UPDATE, so of two racing reviews
 * exactly one writes; the other (or a retry) gets the first review back when it says the same,
 * and a conflict when it says something else. The revision run is keyed by the review's id, so
 * a retry after a crash between the review and the enqueue queues it once, never twice.
 */
export async function reviewContent(
  deps: Deps,
  request: { tenantId: string; reviewerId: string | null; input: unknown; idempotencyKey?: string },
): Promise<ReviewContentResult> {
  const parsed = ReviewInputSchema.safeParse(request.input);
  if (!parsed.success) throw new InvalidPayloadError("review", describeIssues(parsed.error.issues, "body"));
  const input = parsed.data;
  const { db } = deps;
  const { tenantId } = request;
  await assertTenantActive(db, tenantId);
  const key = request.idempotencyKey === undefined ? null : `${tenantId}/${request.idempotencyKey}`;
  const item = await db.contentItem.findFirst({ where: { id: input.contentItemId, tenantId }, include: { run: true } });
  if (!item) throw new ContentNotFoundError(input.contentItemId);
  const target = { tenantId, runInput: item.run.input, runId: item.runId };
  if (key !== null) {
    const prior = await db.review.findUnique({ where: { idempotencyKey: key } });
    if (prior && prior.contentItemId !== item.id) throw new IdempotencyKeyReusedError("to review a different run");
    if (prior) return queueRevision(deps, target, prior, true);
  }
  const created = await db.$transaction(async (tx) => {
    const moved = await tx.contentItem.updateMany({
      where: { id: item.id, status: "draft" },
      data: { status: input.verdict },
    });
    if (moved.count === 0) return null;
    await recordReviewRollup(tx, item.runId, input.verdict, input.score ?? null);
    return tx.review.create({
      data: {
        contentItemId: item.id,
        reviewerId: request.reviewerId,
        verdict: input.verdict,
        score: input.score ?? null,
        feedback: input.feedback,
        idempotencyKey: key,
      },
    });
  });
  if (created) return queueRevision(deps, target, created, false);
  const earlier = await db.review.findFirst({ where: { contentItemId: item.id }, orderBy: { createdAt: "asc" } });
  if (earlier && isSameReview(earlier, input)) return queueRevision(deps, target, earlier, true);
  throw new ReviewConflictError(item.id, item.status, earlier);
}

function isSameReview(review: Review, input: ParsedReview): boolean {
  return (
    review.verdict === input.verdict && review.score === (input.score ?? null) && review.feedback === input.feedback
  );
}

/** After a rejection: the revision run, created once (keyed by the review) and linked to the review. */
async function queueRevision(
  deps: Deps,
  target: { tenantId: string; runInput: unknown; runId: string },
  review: Review,
  isDuplicate: boolean,
): Promise<ReviewContentResult> {
  if (review.verdict === "approved") return { review, revisionRunId: null, isDuplicate };
  if (review.revisionRunId !== null) return { review, revisionRunId: review.revisionRunId, isDuplicate };
  const { run } = await enqueueAgentJob(deps, {
    tenantId: target.tenantId,
    input: target.runInput,
    idempotencyKey: `revision-${review.id}`,
    revisesRunId: target.runId,
  });
  const linked = await linkRevision(deps.db, review.id, run.id);
  return { review: linked, revisionRunId: run.id, isDuplicate };
}
