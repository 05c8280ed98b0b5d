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
import { chooseLogFormat, createLogger, startMetricsServer, WorkerMetrics } from "./observability/index";
import { instrumentAdapter, observeJobs } from "./worker/observe-jobs";
import { detectPgvector } from "./near-duplicates";
import { webhookSettings } from "./env";
import { createWebhookQueue, createWebhookWorker, notifyCapWarnings, notifyRunEnds } from "./webhooks";

/**
 * `pnpm worker`: one process serving every lane, each with its own concurrency. Run as many as you like on
 * as many machines: nothing here assumes it is the only one.
 */
async function main(): Promise<void> {
  const env = agentsEnv();
  const logger = createLogger({
    name: "worker",
    level: env.LOG_LEVEL,
    format: chooseLogFormat({
      configured: env.LOG_FORMAT,
      nodeEnv: process.env.NODE_ENV,
      isTerminal: process.stdout.isTTY,
    }),
  });
  const lanes = laneSettings(env);
  const totalConcurrency = LANE_NAMES.reduce((sum, lane) => sum + lanes[lane].concurrency, 0);
  const database = createDatabase({ poolSize: workerDbPoolSize(env, totalConcurrency) });
  const connection = createRedisConnection(env.REDIS_URL, { isWorker: true });
  const adapters = createAdapterRegistry(env);
  const metrics = new WorkerMetrics({ isProcessIncluded: true });
  const examples = new ApprovedExamples(database.prisma);
  // Producer side of the lanes and the webhook queue: a connection of its own, not the workers'.
  const producer = createRedisConnection(env.REDIS_URL, { isWorker: false });
  const webhookQueue = createWebhookQueue(producer, env.QUEUE_PREFIX);
  const webhookLog = logger.child({ component: "webhooks" });
  const onRunEnded = notifyRunEnds({ db: database.prisma, queue: webhookQueue }, (runId, error) =>
    webhookLog.warn({ runId, err: error }, "could not queue the run's webhook event; the run is unaffected"),
  );
  const onCapWarnings = notifyCapWarnings({ db: database.prisma, queue: webhookQueue }, (tenantId, error) =>
    webhookLog.warn({ tenantId, err: error }, "could not queue a budget.warning; the next hold tries again"),
  );
  const deps = {
    db: database.prisma,
    sql: database.sql,
    adapterFor: (configured: string) => instrumentAdapter(adapters.adapterFor(configured), metrics),
    examples,
    onCapWarnings,
  };
  const options = {
    connection,
    prefix: env.QUEUE_PREFIX,
    lockDurationMs: env.WORKER_LOCK_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    observe: observeJobs(metrics, logger),
    onRunEnded,
  };
  const hooks = webhookSettings(env);
  const workers: Worker[] = [
    ...LANE_NAMES.map((lane) => createAgentWorker(lane, deps, { ...options, ...lanes[lane] })),
    createWebhookWorker(
      { db: database.prisma, ...hooks },
      { connection, prefix: env.QUEUE_PREFIX, concurrency: hooks.concurrency },
    ),
  ];
  for (const worker of workers) {
    worker.on("error", (error) => logger.error({ queue: worker.name, err: error }, "worker error"));
  }
  // Batch requests sent back live go through the producer connection too.
  const queues = createAgentQueues(producer, env.QUEUE_PREFIX);
  const batchLog = logger.child({ component: "batches" });
  const batches = createBatchCoordinator(
    { ...deps, queues, batchAdapterFor: adapters.batchAdapterFor, log: (m) => batchLog.info(m), onRunEnded },
    batchSettings(env),
  );
  batches.start();
  // Told, not awaited: the workers already take jobs, and the signal handlers below must be in place at once.
  void detectPgvector(database.sql).then(
    (pgvector) =>
      logger.info(
        { pgvector },
        `pgvector is ${pgvector.isInstalled ? "installed" : "not installed"}: the near-duplicate guard keeps ` +
          "vectors in real[] and takes cosines in the worker",
      ),
    (error: unknown) => logger.warn({ err: error }, "could not tell whether pgvector is installed"),
  );
  const metricsServer =
    env.WORKER_METRICS_PORT > 0 ? await startMetricsServer(metrics.registry, env.WORKER_METRICS_PORT) : undefined;
  logger.info(
    {
      lanes: Object.fromEntries(LANE_NAMES.map((lane) => [lane, lanes[lane]])),
      provider: adapters.defaultName,
      webhooks: {
        privateTargets: hooks.isPrivateTargetAllowed ? "allowed" : "refused",
        concurrency: hooks.concurrency,
      },
      metricsPort: env.WORKER_METRICS_PORT || undefined,
    },
    "serving lanes",
  );

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    logger.info({ signal }, "finishing active jobs, then closing");
    // Order matters: workers drain first (they still need Redis and PostgreSQL), then Redis, then Prisma.
    await Promise.all([...workers.map((w) => w.close()), batches.stop()]);
    metricsServer?.close();
    await Promise.all([closeAgentQueues(queues), webhookQueue.close()]);
    await Promise.all([connection.quit(), producer.quit()]);
    await database.disconnect();
    logger.flush();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
