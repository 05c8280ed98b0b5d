import { RunNotFoundError } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { z } from "zod";
import { errorResponse } from "../../../../../lib/server/api-errors";
import { authenticateApiKey } from "../../../../../lib/server/api-key-auth";
import { serializeRun } from "../../../../../lib/server/serialize-run";
import { loadRunForTenant } from "../../../../../lib/server/runs-view";

export const runtime = "nodejs";

/** A run with its routing decision, costs and content; another tenant's run is a 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { tenantId } = await authenticateApiKey(request);
    const { id } = await params;
    if (!z.uuid().safeParse(id).success) throw new RunNotFoundError(id.slice(0, 64));
    const run = await loadRunForTenant(tenantId, id);
    if (!run) throw new RunNotFoundError(id);
    return NextResponse.json({ run: serializeRun(run) });
  } catch (error) {
    return errorResponse(error);
  }
}
