import { timingSafeEqual } from "node:crypto";
import { dashboardEnv } from "../../../lib/server/env";
import { logger } from "../../../lib/server/logger";
import { metricsRegistry } from "../../../lib/server/metrics-view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function isOperatorToken(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics for the operator's scraper: `Authorization: Bearer $METRICS_TOKEN`. Without a configured
 * token the endpoint does not exist (404), so nothing is exposed by default.
 */
export async function GET(request: Request) {
  const token = dashboardEnv().METRICS_TOKEN;
  if (!token) return new Response("Not found", { status: 404 });
  if (!isOperatorToken(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": "Bearer" } });
  }
  const registry = metricsRegistry();
  try {
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  } catch (error) {
    logger().error({ err: error instanceof Error ? error.message : String(error) }, "metrics collection failed");
    return new Response("Metrics unavailable", { status: 503 });
  }
}
