import { redisReady } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { db, queues } from "../../../lib/server/services";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness of what the dashboard depends on, for load balancers and operators; no data, no auth. */
export async function GET() {
  const probe = async (check: () => Promise<unknown>) => {
    try {
      await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
      return "up" as const;
    } catch {
      return "down" as const;
    }
  };
  const [database, redis] = await Promise.all([probe(() => db().$queryRaw`SELECT 1`), probe(async () => {
    const { redis } = queues();
    await redisReady(redis, 2000);
    return redis.ping();
  })]);
  const isHealthy = database === "up" && redis === "up";
  return NextResponse.json({ status: isHealthy ? "ok" : "degraded", database, redis }, { status: isHealthy ? 200 : 503 });
}
