import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { parseAgentsEnv } from "../src/env";
import { planLane } from "../src/producer/plan-lane";
import { TaskInputSchema } from "../src/tasks/task-input";
import { nextFairPriority } from "../src/queues/fair-priority";
import { type Lane, LANE_NAMES } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { round, summarize } from "./stats";

const REDIS_URL = parseAgentsEnv().REDIS_URL;
const HAIKU = "claude-haiku-4-5-20251001";
/** Worker slots per lane; the FIFO side gets their sum on one queue. */
const SLOTS: Record<Lane, number> = { fast: 10, standard: 5, heavy: 5, batch: 1 };
/** Stand-in provider latency per lane (ms): a caption is quick, a deep-dive is not. */
const LATENCY: Record<Lane, number> = { fast: 20, standard: 100, heavy: 200, batch: 0 };

interface BurstJob {
  tenant: string;
  lane: Lane;
  enqueuedAt: number;
  isCaption: boolean;
}

/**
 * The mixed burst of issue 7, scheduled both ways in one run: tenant A enqueues
 * `slowJobs` long reasoning posts and strategies, then tenant B enqueues 50 captions.
 * Same Redis, same total worker slots; the lanes side plans each job's lane from its
 * task (the real planner) and numbers it with the real fair priority. The processor
 * sleeps for the lane's stand-in latency: this measures scheduling, while the
 * throughput row measures the database path.
 */
export async function benchLanes(slowJobs: number) {
  const tasks = [
    ...Array.from({ length: slowJobs }, (_, i) => ({
      tenant: "tenant-a",
      input:
        i % 5 === 0
          ? { role: "strategy-writer", topic: `Strategy ${i}` }
          : { role: "blog-writer", topic: `Deep-dive ${i}`, outputLengthTarget: 3000, requiresReasoning: true },
    })),
    ...Array.from({ length: 50 }, (_, i) => ({
      tenant: "tenant-b",
      input: { role: "social-post-writer", topic: `Caption ${i}` },
    })),
  ].map((t) => {
    const task = TaskInputSchema.parse(t.input);
    return {
      tenant: t.tenant,
      lane: planLane(task, HAIKU, { isRevision: false }),
      isCaption: task.role === "social-post-writer",
    };
  });
  const lanes = await runBurst(tasks, "lanes");
  const fifo = await runBurst(tasks, "fifo");
  return {
    slowJobs,
    captions: 50,
    slots: SLOTS,
    latencyMs: LATENCY,
    lanes,
    fifo,
    p50Ratio: round(fifo.captionWaitP50Ms / Math.max(1, lanes.captionWaitP50Ms), 1),
    p95Ratio: round(fifo.captionWaitP95Ms / Math.max(1, lanes.captionWaitP95Ms), 1),
  };
}

async function runBurst(tasks: { tenant: string; lane: Lane; isCaption: boolean }[], mode: "lanes" | "fifo") {
  const prefix = `bench-lanes-${randomUUID().slice(0, 8)}`;
  const redis = createRedisConnection(REDIS_URL, { isWorker: true });
  const queueNames: Record<Lane, string> =
    mode === "lanes"
      ? { fast: "fast", standard: "standard", heavy: "heavy", batch: "batch" }
      : { fast: "fifo", standard: "fifo", heavy: "fifo", batch: "fifo" };
  const names = [...new Set(Object.values(queueNames))];
  const queues = new Map(names.map((name) => [name, new Queue<BurstJob>(name, { connection: redis, prefix })]));
  const waits: number[] = [];
  const workers: Worker<BurstJob>[] = [];
  let captionsStarted = 0;
  const allCaptionsStarted = new Promise<void>((resolve) => {
    const process = async (job: { data: BurstJob }) => {
      if (job.data.isCaption) {
        waits.push(Date.now() - job.data.enqueuedAt);
        if (++captionsStarted === 50) resolve();
      }
      await new Promise((r) => setTimeout(r, LATENCY[job.data.lane]));
    };
    const slots =
      mode === "lanes"
        ? LANE_NAMES.map((lane) => [queueNames[lane], SLOTS[lane]] as const)
        : [["fifo", SLOTS.fast + SLOTS.standard + SLOTS.heavy] as const];
    workers.push(
      ...slots.map(
        ([name, concurrency]) =>
          new Worker<BurstJob>(name, process, { connection: redis, prefix, concurrency, drainDelay: 1 }),
      ),
    );
  });
  for (const task of tasks) {
    const name = queueNames[task.lane];
    const data: BurstJob = { ...task, enqueuedAt: Date.now() };
    const priority = mode === "lanes" ? await nextFairPriority(redis, prefix, name, task.tenant) : undefined;
    await queues.get(name)!.add("burst", data, { priority, removeOnComplete: true });
  }
  await allCaptionsStarted;
  await Promise.all(workers.map((w) => w.close(true)));
  for (const queue of queues.values()) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await redis.quit();
  const s = summarize(waits);
  return {
    captionWaitP50Ms: Math.round(s.p50),
    captionWaitP95Ms: Math.round(s.p95),
    captionWaitMaxMs: Math.round(s.max),
  };
}
