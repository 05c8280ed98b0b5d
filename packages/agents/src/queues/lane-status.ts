import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { AgentQueues } from "./agent-queues";
import { redisReady } from "./redis-connection";
import { type Lane, LANE_NAMES, LANES } from "./queue-registry";

function throttleKey(prefix: string, lane: Lane): string {
  return `${prefix}:${LANES[lane].queue}:switchyard:throttle`;
}

/**
 * Pauses a lane for every worker (BullMQ's queue rate limit: workers stop fetching
 * until it expires, and a job sent back meanwhile keeps its attempts) and notes why,
 * for the dashboard's queue view.
 */
export async function throttleLane(
  queue: Queue,
  redis: Redis,
  prefix: string,
  lane: Lane,
  waitMs: number,
  reason: string,
): Promise<void> {
  const ms = Math.max(1, Math.ceil(waitMs));
  await queue.rateLimit(ms);
  const key = throttleKey(prefix, lane);
  await redis
    .multi()
    .hset(key, { until: Date.now() + ms, reason: reason.slice(0, 300), at: Date.now() })
    .hincrby(key, "count", 1)
    .exec();
}

export interface LaneStatus {
  lane: Lane;
  queue: string;
  /** Jobs waiting to start (prioritized + waiting), waiting on a flow child, delayed for a retry, running. */
  waiting: number;
  waitingChildren: number;
  delayed: number;
  active: number;
  /** Milliseconds left of a provider-imposed pause; 0 when the lane runs. */
  throttledForMs: number;
  lastThrottle?: { at: Date; reason: string };
  throttleCount: number;
}

/** Depth and throttling of every lane, read from Redis (all tenants: no tenant data, only counts). */
export async function readLaneStatus(queues: AgentQueues): Promise<LaneStatus[]> {
  await redisReady(queues.redis);
  return Promise.all(
    LANE_NAMES.map(async (lane) => {
      const queue = queues.lanes[lane];
      const [counts, ttl, note] = await Promise.all([
        queue.getJobCounts("wait", "prioritized", "waiting-children", "delayed", "active"),
        // With the largest cap only a manual pause (throttleLane) counts, not a lane's own rate cap.
        queue.getRateLimitTtl(Number.MAX_SAFE_INTEGER),
        queues.redis.hgetall(throttleKey(queues.prefix, lane)),
      ]);
      return {
        lane,
        queue: LANES[lane].queue,
        waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
        waitingChildren: counts["waiting-children"] ?? 0,
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        throttledForMs: Math.max(0, ttl || 0),
        lastThrottle: note.at ? { at: new Date(Number(note.at)), reason: note.reason ?? "" } : undefined,
        throttleCount: Number(note.count ?? 0),
      };
    }),
  );
}
