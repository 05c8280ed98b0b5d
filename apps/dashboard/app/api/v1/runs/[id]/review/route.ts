import { reviewRun, RunNotFoundError } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { z } from "zod";
import { errorResponse, readJsonBody } from "../../../../../../lib/server/api-errors";
import { authenticateApiKey } from "../../../../../../lib/server/api-key-auth";
import type { ReviewAnswerJson } from "../../../../../../lib/server/api-schemas";
import { readIdempotencyKey } from "../../../../../../lib/server/idempotency-key";
import { db, queues } from "../../../../../../lib/server/services";

export const runtime = "nodejs";

/**
 * Approves or rejects (1–5 score and feedback) what a run wrote; a rejection queues the revision run.
 * 201 for a new review, 200 with the first review for a repeat (same Idempotency-Key or same verdict).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { tenantId } = await authenticateApiKey(request);
    const { id } = await params;
    if (!z.uuid().safeParse(id).success) throw new RunNotFoundError(id.slice(0, 64));
    const idempotencyKey = readIdempotencyKey(request);
    const body = await readJsonBody(request);
    const { review, revisionRunId, isDuplicate } = await reviewRun(
      { db: db(), queues: queues() },
      { tenantId, runId: id, body, idempotencyKey },
    );
    return NextResponse.json(
      {
        review: {
          id: review.id,
          runId: id,
          decision: review.verdict === "approved" ? "approve" : "reject",
          score: review.score,
          feedback: review.feedback,
          createdAt: review.createdAt.toISOString(),
        },
        revisionRunId,
        isDuplicate,
      } satisfies ReviewAnswerJson,
      {
        status: isDuplicate ? 200 : 201,
        headers: revisionRunId ? { location: `/api/v1/runs/${revisionRunId}` } : undefined,
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
