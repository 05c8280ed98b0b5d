import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@switchyard/db";
import { Queue, Worker } from "bullmq";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { parseAgentsEnv } from "../src/env";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { addToLane, createAgentQueues, closeAgentQueues } from "../src/queues/agent-queues";
import { LANE_NAMES, LaneSchema } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createAgentWorker } from "../src/worker/create-agent-worker";
import type { AgentRole } from "../src/lib/agent-roles";
import { createTestTenant } from "../test/fixtures";
import { openWorkerDatabase } from "./bench-db";
import { nowMs, round } from "./stats";

const REDIS_URL = parseAgentsEnv().REDIS_URL;
const ROLES: AgentRole[] = (process.env.BENCH_ROLES?.split(",") as AgentRole[] | undefined) ?? [
  "social-post-writer",
  "email-writer",
  "blog-writer",
  "social-post-writer",
  "email-writer",
];

/** Raw BullMQ on the same Redis: jobs pre-added with addBulk, a no-op processor. */
export async function benchRawBullmq(jobs: number, concurrency: number) {
  const connection = createRedisConnection(REDIS_URL, { isWorker: true });
  const name = `bench-raw-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection });
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({ name: "noop", data: { i }, opts: { removeOnComplete: true } })),
  );
  let done = 0;
  const started = nowMs();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker(name, () => Promise.resolve(undefined), { connection, concurrency });
    worker.on("completed", () => ++done === jobs && resolve(void worker.close()));
  });
  await finished;
  const seconds = (nowMs() - started) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return { jobs, concurrency, jobsPerSec: Math.round(jobs / seconds) };
}

/**
 * The whole path — queue, worker, router, escrow, simulated provider at zero latency, settlement, content — over
 * 20 tenants, with a database pool sized as `pnpm worker` sizes its own (WORKER_DB_POOL_SIZE).
 */
export async function benchSwitchyard(db: PrismaClient, jobs: number, concurrency: number) {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const producer = createRedisConnection(REDIS_URL, { isWorker: false });
  const consumer = createRedisConnection(REDIS_URL, { isWorker: true });
  const queues = createAgentQueues(producer, prefix);
  const tenants = await Promise.all(Array.from({ length: 20 }, () => createTestTenant(db, { balanceMicros: 1e12 })));
  const runs = [];
  for (let i = 0; i < jobs; i++) {
    const role = ROLES[i % ROLES.length]!;
    runs.push(
      (
        await createAgentRun(db, {
          tenantId: tenants[i % 20]!.tenant.id,
          input: { role, topic: `Throughput piece ${i}` },
        })
      ).run,
    );
  }
  for (const run of runs)
    await addToLane(queues, LaneSchema.parse(run.lane), { runId: run.id, tenantId: run.tenantId });
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
  const workerDb = openWorkerDatabase(LANE_NAMES.length * concurrency);
  let done = 0;
  const started = nowMs();
  const workers: Worker[] = [];
  await new Promise<void>((resolve) => {
    for (const lane of LANE_NAMES) {
      const worker = createAgentWorker(
        lane,
        { db: workerDb.prisma, sql: workerDb.sql, adapterFor: () => adapter },
        { connection: consumer, prefix, concurrency },
      );
      worker.on("completed", () => ++done === jobs && resolve());
      worker.on("failed", (_job, error) => console.error("bench job failed:", error.message));
      workers.push(worker);
    }
  });
  const seconds = (nowMs() - started) / 1000;
  await Promise.all(workers.map((w) => w.close()));
  await workerDb.disconnect();
  for (const q of Object.values(queues.lanes)) await q.obliterate({ force: true });
  await closeAgentQueues(queues);
  await Promise.all([producer.quit(), consumer.quit()]);
  return { jobs, concurrency, poolSize: workerDb.poolSize, jobsPerSec: Math.round(jobs / seconds) };
}

/** One `pnpm worker` process with slow simulated calls: how many jobs it keeps in flight, and its memory. */
export async function benchSlowJobs(db: PrismaClient, jobs: number, latencyMs: [number, number]) {
  const prefix = `slow-${randomUUID().slice(0, 8)}`;
  const producer = createRedisConnection(REDIS_URL, { isWorker: false });
  const queues = createAgentQueues(producer, prefix);
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e12 });
  const runIds: string[] = [];
  for (let i = 0; i < jobs; i++)
    runIds.push(
      (
        await createAgentRun(db, {
          tenantId: tenant.id,
          input: { role: "social-post-writer", topic: `Slow caption ${i}` },
        })
      ).run.id,
    );
  for (const id of runIds) await addToLane(queues, "fast", { runId: id, tenantId: tenant.id });
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      ...process.env,
      QUEUE_PREFIX: prefix,
      ANTHROPIC_API_KEY: "",
      LANE_FAST_CONCURRENCY: String(jobs + 100),
      SIMULATED_LATENCY_MS_MIN: String(latencyMs[0]),
      SIMULATED_LATENCY_MS_MAX: String(latencyMs[1]),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let maxInFlight = 0;
  let maxRssMb = 0;
  const started = nowMs();
  for (;;) {
    const [inFlight, finished] = await Promise.all([
      db.agentRun.count({ where: { id: { in: runIds }, status: "running" } }),
      db.agentRun.count({ where: { id: { in: runIds }, status: "succeeded" } }),
    ]);
    maxInFlight = Math.max(maxInFlight, inFlight);
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
    maxRssMb = Math.max(maxRssMb, Number(rss ?? 0) / 1024);
    if (finished === jobs || nowMs() - started > 120_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (nowMs() - started) / 1000;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await queues.lanes.fast.obliterate({ force: true });
  await closeAgentQueues(queues);
  await producer.quit();
  return { jobs, latencyMs, maxInFlight, maxRssMb: round(maxRssMb, 1), drainSeconds: round(seconds, 1) };
}
