import { enqueueAgentJob } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { errorResponse, readJsonBody } from "../../../../lib/server/api-errors";
import { admitted } from "../../../../lib/server/admission";
import { authenticateApiKey } from "../../../../lib/server/api-key-auth";
import { readIdempotencyKey } from "../../../../lib/server/idempotency-key";
import { serializeRun } from "../../../../lib/server/serialize-run";
import { logger } from "../../../../lib/server/logger";
import { db, queues } from "../../../../lib/server/services";

export const runtime = "nodejs";

/** Enqueues one agent job for the API key's tenant. The same Idempotency-Key twice returns the same run. */
export async function POST(request: Request) {
  try {
    return await admitted(() => enqueue(request));
  } catch (error) {
    return errorResponse(error);
  }
}

async function enqueue(request: Request) {
  const { tenantId } = await authenticateApiKey(request);
  const idempotencyKey = readIdempotencyKey(request);
  const input = await readJsonBody(request);
  const { run, isDuplicate } = await enqueueAgentJob(
    { db: db(), queues: queues() },
    { tenantId, input, idempotencyKey },
  );
  logger().info({ tenantId, runId: run.id, status: run.status, isDuplicate }, "job enqueued over the API");
  return NextResponse.json(
    { run: serializeRun(run), isDuplicate },
    { status: isDuplicate ? 200 : 202, headers: { location: `/api/v1/runs/${run.id}` } },
  );
}
