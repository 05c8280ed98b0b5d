import type { PrismaClient } from "@switchyard/db";
import { agentsEnv } from "./env";
import { enqueueAgentJob } from "./producer/enqueue-agent-job";
import { enqueueTenantSetup } from "./producer/enqueue-tenant-setup";
import { closeAgentQueues, createAgentQueues } from "./queues/agent-queues";
import { createRedisConnection } from "./queues/redis-connection";

const DEMO_TASKS = [
  { role: "social-post-writer", topic: "Our new single-origin Ethiopia Guji", channel: "instagram" },
  { role: "email-writer", topic: "Welcome to your coffee subscription" },
  { role: "blog-writer", topic: "How to dial in espresso at home", outputLengthTarget: 900 },
  {
    role: "blog-writer",
    topic: "Water chemistry and extraction, explained",
    outputLengthTarget: 2200,
    requiresReasoning: true,
  },
  { role: "strategy-writer", topic: "Content strategy for 2027", requiresReasoning: true },
] as const;

/** Live jobs for every demo tenant, keyed so the quick start can run again without duplicates. */
export async function enqueueDemoJobs(db: PrismaClient): Promise<void> {
  const env = agentsEnv();
  const connection = createRedisConnection(env.REDIS_URL, { isWorker: false });
  const queues = createAgentQueues(connection, env.QUEUE_PREFIX);
  try {
    const tenants = await db.tenant.findMany({
      where: { slug: { in: ["acme-coffee", "northwind-outdoors", "lumen-labs"] } },
    });
    let count = 0;
    for (const tenant of tenants) {
      await enqueueTenantSetup(
        { db, queues },
        { tenantId: tenant.id, brief: `${tenant.name}: demo onboarding`, idempotencyKey: "demo-setup" },
      );
      for (const [i, input] of DEMO_TASKS.entries()) {
        await enqueueAgentJob({ db, queues }, { tenantId: tenant.id, input, idempotencyKey: `demo-${i}` });
        count++;
      }
    }
    console.log(
      `demo: ${count} jobs and ${tenants.length} tenant setups enqueued (already-enqueued ones were left as they were)`,
    );
  } finally {
    await closeAgentQueues(queues);
    await connection.quit();
  }
}
