import { randomUUID } from "node:crypto";
import { createDatabase, type PrismaClient } from "@switchyard/db";
import type { Worker } from "bullmq";
import type { LlmAdapter } from "../src/adapters/types";
import { parseAgentsEnv } from "../src/env";
import type { AgentJobDeps } from "../src/worker/run-agent-job";
import { closeAgentQueues, createAgentQueues, type AgentQueues } from "../src/queues/agent-queues";
import { type Lane, LANE_NAMES } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createAgentWorker } from "../src/worker/create-agent-worker";

export const REDIS_URL = parseAgentsEnv().REDIS_URL;

/**
 * Real queues, workers, PostgreSQL and Redis, isolated by a fresh queue prefix per
 * harness so tests never see each other's jobs.
 */
export async function startHarness({
  adapter,
  concurrency = 20,
  deps = {},
  prefix = `test-${randomUUID().slice(0, 8)}`,
  onRunEnded,
}: {
  adapter: LlmAdapter;
  concurrency?: number | Record<Lane, number>;
  deps?: Partial<AgentJobDeps>;
  prefix?: string;
  /** The workers' hook after each execution (webhooks). */
  onRunEnded?: (runId: string) => Promise<void>;
}) {
  const database = createDatabase({ poolSize: 20 });
  const db = database.prisma;
  const producer = createRedisConnection(REDIS_URL, { isWorker: false });
  const consumer = createRedisConnection(REDIS_URL, { isWorker: true });
  const queues = createAgentQueues(producer, prefix);
  const jobDeps: AgentJobDeps = {
    db,
    sql: database.sql,
    adapterFor: () => adapter,
    sleep: () => Promise.resolve(),
    ...deps,
  };
  const concurrencyOf = (lane: Lane) => (typeof concurrency === "number" ? concurrency : concurrency[lane]);
  const workers: Worker[] = LANE_NAMES.map((lane) =>
    createAgentWorker(lane, jobDeps, { connection: consumer, prefix, concurrency: concurrencyOf(lane), onRunEnded }),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    db,
    sql: database.sql,
    queues,
    prefix,
    waitForRuns: (runIds: string[], timeoutMs?: number) => waitForRuns(db, runIds, timeoutMs),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      for (const queue of Object.values(queues.lanes)) await queue.obliterate({ force: true });
      await closeAgentQueues(queues);
      await Promise.all([producer.quit(), consumer.quit()]);
      await database.disconnect();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
export type { AgentQueues };

const FINAL = ["succeeded", "failed", "refused_credits"];

/** Polls the rows (the truth) until every run has finished. */
export async function waitForRuns(db: PrismaClient, runIds: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db.agentRun.findMany({ where: { id: { in: runIds } } });
    if (runs.length === runIds.length && runs.every((r) => FINAL.includes(r.status))) return runs;
    if (Date.now() > deadline) {
      const pending = runs.filter((r) => !FINAL.includes(r.status)).map((r) => `${r.id}:${r.status}`);
      throw new Error(
        `runs still unfinished after ${timeoutMs} ms: ${pending.slice(0, 5).join(", ")} (${pending.length})`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
