import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError, RunNotFoundError, SwitchyardError } from "../lib/errors";
import { storableText } from "../lib/text";
import type { AgentQueues } from "../queues/agent-queues";
import { reviewContent, type ReviewContentResult } from "./review-content";

/** The body of `POST /api/v1/runs/:id/review`: the API's words for a review of the run's content. */
export const RunReviewRequestSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), score: z.number().int().min(1).max(5).optional() }).strict(),
  z
    .object({
      decision: z.literal("reject"),
      score: z.number().int().min(1).max(5),
      feedback: storableText(4000, 3),
    })
    .strict(),
]);
export type RunReviewRequest = z.input<typeof RunReviewRequestSchema>;

/** A run that wrote nothing (still queued or running, failed, refused) has nothing to review. */
export class NoReviewableContentError extends SwitchyardError {
  constructor(runId: string, status: string) {
    super("no_reviewable_content", `Run ${runId} is ${status} and has no content to review.`);
  }
}

/**
 * Reviews the content a run wrote, for a tenant's own tools: same rules as a review in the
 * dashboard (once, on a draft; a rejection queues the revision run). Another tenant's run is
 * "not found", never "forbidden", so ids do not leak across tenants.
 */
export async function reviewRun(
  deps: { db: PrismaClient; queues: AgentQueues },
  request: { tenantId: string; runId: string; body: unknown; idempotencyKey?: string },
): Promise<ReviewContentResult & { runId: string }> {
  const parsed = RunReviewRequestSchema.safeParse(request.body);
  if (!parsed.success) throw new InvalidPayloadError("review", describeIssues(parsed.error.issues, "body"));
  const run = await deps.db.agentRun.findFirst({
    where: { id: request.runId, tenantId: request.tenantId },
    select: { id: true, status: true, content: { select: { id: true } } },
  });
  if (!run) throw new RunNotFoundError(request.runId);
  if (!run.content) throw new NoReviewableContentError(run.id, run.status);
  const body = parsed.data;
  const result = await reviewContent(deps, {
    tenantId: request.tenantId,
    reviewerId: null,
    idempotencyKey: request.idempotencyKey,
    input: {
      contentItemId: run.content.id,
      verdict: body.decision === "approve" ? "approved" : "rejected",
      score: body.score,
      feedback: body.decision === "reject" ? body.feedback : "",
    },
  });
  return { ...result, runId: run.id };
}
