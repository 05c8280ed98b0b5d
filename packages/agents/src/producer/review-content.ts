import { type PrismaClient, type Review, recordReviewRollup } from "@switchyard/db";
import { z } from "zod";
import { storableText } from "../lib/text";
import { describeIssues, InvalidPayloadError, SwitchyardError } from "../lib/errors";
import { enqueueAgentJob } from "./enqueue-agent-job";
import type { AgentQueues } from "../queues/agent-queues";
import { linkRevision } from "../runs";

export const ReviewInputSchema = z
  .object({
    contentItemId: z.uuid(),
    verdict: z.enum(["approved", "rejected"]),
    score: z.number().int().min(1).max(5),
    feedback: storableText(4000).default(""),
  })
  .strict()
  .refine((r) => r.verdict === "approved" || r.feedback.length >= 3, {
    message: "a rejection needs feedback the agent can act on",
    path: ["feedback"],
  });
export type ReviewInput = z.input<typeof ReviewInputSchema>;

export class ContentNotFoundError extends SwitchyardError {
  constructor(id: string) {
    super("content_not_found", `Content item ${id} does not exist.`);
  }
}

/**
 * A human verdict on what an agent wrote. A rejection re-runs the agent with the
 * draft and the feedback as revision history, which the router escalates.
 */
export async function reviewContent(
  deps: { db: PrismaClient; queues: AgentQueues },
  { tenantId, reviewerId, input }: { tenantId: string; reviewerId: string | null; input: unknown },
): Promise<{ review: Review; revisionRunId: string | null }> {
  const parsed = ReviewInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("review", describeIssues(parsed.error.issues, "body"));
  const { contentItemId, verdict, score, feedback } = parsed.data;
  const { db } = deps;
  const item = await db.contentItem.findFirst({ where: { id: contentItemId, tenantId }, include: { run: true } });
  if (!item) throw new ContentNotFoundError(contentItemId);
  const review = await db.$transaction(async (tx) => {
    await tx.contentItem.update({ where: { id: item.id }, data: { status: verdict } });
    await recordReviewRollup(tx, item.runId, verdict, score);
    return tx.review.create({ data: { contentItemId: item.id, reviewerId, verdict, score, feedback } });
  });
  if (verdict === "approved") return { review, revisionRunId: null };
  const { run } = await enqueueAgentJob(deps, {
    tenantId,
    input: item.run.input,
    idempotencyKey: `revision-${review.id}`,
    revisesRunId: item.runId,
  });
  const linked = await linkRevision(db, review.id, run.id);
  return { review: linked, revisionRunId: run.id };
}
