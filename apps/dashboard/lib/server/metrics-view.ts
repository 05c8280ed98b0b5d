import "server-only";
import { LANE_NAMES } from "@switchyard/agents";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { db, queues } from "./services";

/** BullMQ states a lane's jobs can be in that an operator watches (completed and failed are history). */
const QUEUE_STATES = ["waiting", "prioritized", "active", "delayed", "failed"] as const;

const globalForMetrics = globalThis as unknown as { switchyardMetrics?: Registry };

/**
 * The fleet-wide picture, read at scrape time from Redis and PostgreSQL (so it is the same whichever
 * dashboard instance is scraped, and whatever number of workers run): jobs per lane and state, the oldest
 * queued run per lane, credit holds open; plus this server process's own metrics. What each worker did
 * (jobs, latency, tokens, cost) is on the workers' own endpoints. No tenant labels: their number grows.
 */
export function metricsRegistry(): Registry {
  if (globalForMetrics.switchyardMetrics) return globalForMetrics.switchyardMetrics;
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: "switchyard_dashboard_" });
  new Gauge({
    name: "switchyard_queue_jobs",
    help: "Jobs in each lane's BullMQ queue by state (waiting and prioritized are the queue depth)",
    labelNames: ["lane", "state"],
    registers,
    async collect() {
      const { lanes } = queues();
      const counts = await Promise.all(LANE_NAMES.map((lane) => lanes[lane].getJobCounts(...QUEUE_STATES)));
      LANE_NAMES.forEach((lane, i) => {
        for (const state of QUEUE_STATES) this.set({ lane, state }, counts[i]?.[state] ?? 0);
      });
    },
  });
  new Gauge({
    name: "switchyard_queue_oldest_wait_seconds",
    help: "Age of the oldest run still queued in each lane (0 when none): how far behind the lane is",
    labelNames: ["lane"],
    registers,
    async collect() {
      const oldest = await db().agentRun.groupBy({
        by: ["lane"],
        where: { status: "queued" },
        _min: { queuedAt: true },
      });
      const now = Date.now();
      for (const lane of LANE_NAMES) {
        const queuedAt = oldest.find((row) => row.lane === lane)?._min.queuedAt;
        this.set({ lane }, queuedAt ? Math.max(0, now - queuedAt.getTime()) / 1000 : 0);
      }
    },
  });
  const holdsUsd = new Gauge({
    name: "switchyard_credit_holds_open_usd",
    help: "Credits held in escrow by running attempts, in USD",
    registers,
  });
  new Gauge({
    name: "switchyard_credit_holds_open",
    help: "Running attempts holding credits in escrow (a hold open long after its job is a stuck run)",
    registers,
    async collect() {
      const holds = await db().agentRun.aggregate({
        where: { status: "running", reservedMicros: { gt: 0 } },
        _count: { _all: true },
        _sum: { reservedMicros: true },
      });
      this.set(holds._count._all);
      holdsUsd.set(Number(holds._sum.reservedMicros ?? 0n) / 1e6);
    },
  });
  globalForMetrics.switchyardMetrics = registry;
  return registry;
}
