import { enqueueAgentJob } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { ApiError, errorResponse, readJsonBody } from "../../../../lib/server/api-errors";
import { authenticateApiKey } from "../../../../lib/server/api-key-auth";
import { serializeRun } from "../../../../lib/server/serialize-run";
import { db, queues } from "../../../../lib/server/services";

export const runtime = "nodejs";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** Enqueues one agent job for the API key's tenant. The same Idempotency-Key twice returns the same run. */
export async function POST(request: Request) {
  try {
    const { tenantId } = await authenticateApiKey(request);
    const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError("invalid_payload", "Idempotency-Key must be 1-200 characters of letters, digits and . _ : -");
    }
    const input = await readJsonBody(request);
    const { run, isDuplicate } = await enqueueAgentJob(
      { db: db(), queues: queues() },
      { tenantId, input, idempotencyKey },
    );
    return NextResponse.json(
      { run: serializeRun(run), isDuplicate },
      { status: isDuplicate ? 200 : 202, headers: { location: `/api/v1/runs/${run.id}` } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
