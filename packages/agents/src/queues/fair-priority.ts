import type { Redis } from "ioredis";
import { redisReady } from "./redis-connection";

/** BullMQ's highest priority number (the lowest priority): 2^21 - 1. */
export const MAX_PRIORITY = 2 ** 21 - 1;

/**
 * Per-tenant fairness with open-source BullMQ: a BullMQ priority is a number, lower
 * runs first, ties in arrival order. Each tenant gets a virtual clock per lane; a
 * job's priority is one tick past the later of its tenant's clock and the priority
 * at the head of the lane. A tenant that enqueues 10,000 jobs numbers them 1..10,000;
 * a tenant that arrives later with 10 jobs starts at the head and gets every other
 * slot, so nobody starves and a burst only delays its own sender. (The alternatives
 * were a queue per tenant with a round-robin dispatcher, which adds a hop and a
 * process to every job, and per-tenant concurrency caps, which leave slots idle
 * while one tenant has work. BullMQ Pro's groups do this natively.)
 *
 * The clocks reset when the lane has had nothing waiting for a moment (nobody is
 * behind, so everyone starts equal), which keeps numbers small. "A moment": the
 * priority is taken just before the job is added, so a burst of concurrent adds to
 * an empty lane must not reset each other. A lane that never drains for ~2 million
 * jobs reaches BullMQ's priority limit and degrades to plain FIFO until it drains:
 * ordering, never loss.
 *
 * KEYS[1] the lane's prioritized set (BullMQ scores it priority * 2^32 + arrival)
 * KEYS[2] the lane's hash of tenant clocks
 * ARGV[1] tenant id, ARGV[2] weight (ticks this job costs), ARGV[3] the limit,
 * ARGV[4] how long (ms) an empty lane must stay untouched before its clocks reset
 */
const NEXT_FAIR_PRIORITY = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local base = 0
if head[2] then
  base = math.floor(tonumber(head[2]) / 4294967296)
elseif now - tonumber(redis.call('HGET', KEYS[2], '__touched') or '0') > tonumber(ARGV[4]) then
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[2], '__touched', now)
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local priority = math.max(last, base) + tonumber(ARGV[2])
if priority > tonumber(ARGV[3]) then priority = tonumber(ARGV[3]) end
redis.call('HSET', KEYS[2], ARGV[1], priority)
return priority
`;

/** How long an empty lane stays untouched before its clocks reset. */
const RESET_AFTER_IDLE_MS = 2000;

type FairRedis = Redis & {
  nextFairPriority(
    prioritized: string,
    clocks: string,
    tenantId: string,
    weight: number,
    limit: number,
    resetAfterMs: number,
  ): Promise<number>;
};

/** The priority the next job of `tenantId` gets on the queue `queueName`. */
export async function nextFairPriority(
  redis: Redis,
  prefix: string,
  queueName: string,
  tenantId: string,
  weight = 1,
): Promise<number> {
  await redisReady(redis);
  const client = redis as FairRedis;
  if (typeof client.nextFairPriority !== "function") {
    client.defineCommand("nextFairPriority", { numberOfKeys: 2, lua: NEXT_FAIR_PRIORITY });
  }
  return client.nextFairPriority(
    `${prefix}:${queueName}:prioritized`,
    tenantClocksKey(prefix, queueName),
    tenantId,
    weight,
    MAX_PRIORITY,
    RESET_AFTER_IDLE_MS,
  );
}

export function tenantClocksKey(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:switchyard:tenant-clocks`;
}
