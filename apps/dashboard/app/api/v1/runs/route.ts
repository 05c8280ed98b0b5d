import { InvalidPayloadError } from "@switchyard/agents";
import { InvalidRunCursorError, listRunPage } from "@switchyard/db";
import { NextResponse } from "next/server";
import { errorResponse } from "../../../../lib/server/api-errors";
import { authenticateApiKey } from "../../../../lib/server/api-key-auth";
import { parseListRunsQuery } from "../../../../lib/server/list-runs-query";
import { serializeRun } from "../../../../lib/server/serialize-run";
import { db } from "../../../../lib/server/services";

export const runtime = "nodejs";

/** The API key's tenant's runs, newest first, a page at a time: `{ data, nextCursor }` (null on the last page). */
export async function GET(request: Request) {
  try {
    const { tenantId } = await authenticateApiKey(request);
    const query = parseListRunsQuery(new URL(request.url));
    const page = await listRunPage(
      db(),
      {
        tenantIds: [tenantId],
        status: query.status,
        role: query.role,
        since: query.since === undefined ? undefined : new Date(query.since),
        until: query.until === undefined ? undefined : new Date(query.until),
        after: query.cursor,
        limit: query.limit,
      },
      {
        content: { include: { reviews: { orderBy: { createdAt: "desc" }, take: 1 } } },
        batch: { select: { id: true, providerBatchId: true, status: true, submittedAt: true, endedAt: true } },
      },
    ).catch((error: unknown) => {
      if (error instanceof InvalidRunCursorError) throw new InvalidPayloadError("cursor", [error.message]);
      throw error;
    });
    return NextResponse.json({ data: page.runs.map(serializeRun), nextCursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}
