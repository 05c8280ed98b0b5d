import "@switchyard/db/load-env";
import { createDatabase } from "@switchyard/db";
import type { Worker } from "bullmq";
import { createAdapterRegistry } from "./workers/adapter-registry";
import { agentsEnv } from "./env";
import { createRedisConnection } from "./queues/redis-connection";
import { createBlogWriterWorker } from "./workers/blog-writer.worker";
import { createSetupWorker } from "./workers/setup.worker";
import { createSocialPostWriterWorker } from "./workers/social-post-writer.worker";

/**
 * `pnpm worker`: one process serving every agent queue. Run as many as you like on
 * as many machines: nothing here assumes it is the only one.
 */
async function main(): Promise<void> {
  const env = agentsEnv();
  const database = createDatabase({ poolSize: Math.min(50, env.WORKER_CONCURRENCY + 5) });
  const connection = createRedisConnection(env.REDIS_URL, { isWorker: true });
  const adapters = createAdapterRegistry(env);
  const deps = { db: database.prisma, sql: database.sql, adapterFor: adapters.adapterFor };
  const options = {
    connection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDurationMs: env.WORKER_LOCK_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
  };
  const workers: Worker[] = [createBlogWriterWorker(deps, options), createSocialPostWriterWorker(deps, options), createSetupWorker(deps, options)];
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.warn(`[worker] ${worker.name} job ${job?.id} failed: ${error.message}`));
    worker.on("error", (error) => console.error(`[worker] ${worker.name}: ${error.message}`));
  }
  console.log(`[worker] serving ${workers.map((w) => w.name).join(", ")} with ${adapters.defaultName} as the default provider (concurrency ${env.WORKER_CONCURRENCY})`);

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`[worker] ${signal}: finishing active jobs, then closing`);
    // Order matters: workers drain first (they still need Redis and PostgreSQL), then Redis, then Prisma.
    await Promise.all(workers.map((w) => w.close()));
    await connection.quit();
    await database.disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
