import { NextResponse } from "next/server";
import { probeServices } from "../../../lib/server/health-view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness of what the dashboard depends on, for load balancers and operators; no data, no auth. */
export async function GET() {
  const { database, redis } = await probeServices();
  const isHealthy = database === "up" && redis === "up";
  return NextResponse.json(
    { status: isHealthy ? "ok" : "degraded", database, redis },
    { status: isHealthy ? 200 : 503 },
  );
}
