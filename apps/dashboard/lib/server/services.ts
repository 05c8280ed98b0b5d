import "server-only";
import { type AgentQueues, agentsEnv, createAgentQueues, createRedisConnection } from "@switchyard/agents";
import { prisma } from "@switchyard/db";

/** Producer-side queues, created once per server process (and kept across dev hot reloads). */
const globalForQueues = globalThis as unknown as { switchyardQueues?: AgentQueues };

export function queues(): AgentQueues {
  if (!globalForQueues.switchyardQueues) {
    const env = agentsEnv();
    globalForQueues.switchyardQueues = createAgentQueues(
      createRedisConnection(env.REDIS_URL, { isWorker: false }),
      env.QUEUE_PREFIX,
    );
  }
  return globalForQueues.switchyardQueues;
}

export function db() {
  return prisma();
}
