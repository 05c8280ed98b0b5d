import "@switchyard/db/load-env";
import { createDatabase } from "@switchyard/db";
import type { Worker } from "bullmq";
import {
  agentsEnv,
  ApprovedExamples,
  batchSettings,
  createAdapterRegistry,
  createAgentWorker,
  createBatchCoordinator,
  laneSettings,
  workerDbPoolSize,
} from "./worker/index";
import { closeAgentQueues, createAgentQueues } from "./queues/agent-queues";
import { LANE_NAMES } from "./queues/queue-registry";
import { createRedisConnection } from "./queues/redis-connection";

/**
 * `pnpm worker`: one process serving every lane, each with its own concurrency. Run as many as you like on
 * as many machines: nothing here assumes it is the only one.
 */
function main(): void {
  const env = agentsEnv();
  const lanes = laneSettings(env);
  const totalConcurrency = LANE_NAMES.reduce((sum, lane) => sum + lanes[lane].concurrency, 0);
  const database = createDatabase({ poolSize: workerDbPoolSize(env, totalConcurrency) });
  const connection = createRedisConnection(env.REDIS_URL, { isWorker: true });
  const adapters = createAdapterRegistry(env);
  const examples = new ApprovedExamples(database.prisma);
  const deps = { db: database.prisma, sql: database.sql, adapterFor: adapters.adapterFor, examples };
  const options = {
    connection,
    prefix: env.QUEUE_PREFIX,
    lockDurationMs: env.WORKER_LOCK_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
  };
  const workers: Worker[] = LANE_NAMES.map((lane) => createAgentWorker(lane, deps, { ...options, ...lanes[lane] }));
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      console.warn(`[worker] ${worker.name} job ${job?.id} failed: ${error.message}`),
    );
    worker.on("error", (error) => console.error(`[worker] ${worker.name}: ${error.message}`));
  }
  const described = LANE_NAMES.map(
    (lane) =>
      `${lane} ×${lanes[lane].concurrency}${lanes[lane].ratePerMinute ? ` ≤${lanes[lane].ratePerMinute}/min` : ""}`,
  );
  // Producer side of the lanes, for batch requests sent back live: a connection of its own, not the workers'.
  const producer = createRedisConnection(env.REDIS_URL, { isWorker: false });
  const queues = createAgentQueues(producer, env.QUEUE_PREFIX);
  const batches = createBatchCoordinator(
    { ...deps, queues, batchAdapterFor: adapters.batchAdapterFor, log: (m) => console.log(m) },
    batchSettings(env),
  );
  batches.start();
  console.log(`[worker] serving lanes ${described.join(", ")} with ${adapters.defaultName} as the default provider`);

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`[worker] ${signal}: finishing active jobs, then closing`);
    // Order matters: workers drain first (they still need Redis and PostgreSQL), then Redis, then Prisma.
    await Promise.all([...workers.map((w) => w.close()), batches.stop()]);
    await closeAgentQueues(queues);
    await Promise.all([connection.quit(), producer.quit()]);
    await database.disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
