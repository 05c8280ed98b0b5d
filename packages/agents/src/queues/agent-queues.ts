import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { AGENT_QUEUES, type QueueFamily, QUEUE_FAMILIES } from "./queue-registry";

export type AgentQueues = Record<QueueFamily, Queue>;

/** One producer-side Queue per family, sharing a connection. */
export function createAgentQueues(connection: Redis, prefix: string): AgentQueues {
  const entries = QUEUE_FAMILIES.map((family) => [family, new Queue(AGENT_QUEUES[family].name, { connection, prefix })] as const);
  return Object.fromEntries(entries) as AgentQueues;
}

export async function closeAgentQueues(queues: AgentQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
