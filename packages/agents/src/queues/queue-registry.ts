import type { JobsOptions } from "bullmq";
import { z } from "zod";
import type { AgentRole } from "../lib/agent-roles";

/**
 * The one list of queues. A queue is delivery only: the payload carries ids and the
 * AgentRun row owns the truth (status, routing, money), so a job delivered twice or
 * replayed after a crash still runs and charges once.
 */
export const AGENT_QUEUES = {
  blog: { name: "agents-blog", roles: ["blog-writer"] },
  social: { name: "agents-social", roles: ["social-post-writer", "email-writer"] },
  setup: { name: "agents-setup", roles: ["context-file-writer", "strategy-writer"] },
} as const satisfies Record<string, { name: string; roles: readonly AgentRole[] }>;

export type QueueFamily = keyof typeof AGENT_QUEUES;
export const QUEUE_FAMILIES = Object.keys(AGENT_QUEUES) as QueueFamily[];

export function queueFamilyForRole(role: AgentRole): QueueFamily {
  const family = QUEUE_FAMILIES.find((f) => (AGENT_QUEUES[f].roles as readonly string[]).includes(role));
  if (!family) throw new Error(`no queue serves role ${role}`);
  return family;
}

export const AgentJobPayloadSchema = z.object({ runId: z.uuid(), tenantId: z.uuid() }).strict();
export type AgentJobPayload = z.infer<typeof AgentJobPayloadSchema>;

/** The BullMQ job name every agent job carries. */
export const AGENT_JOB_NAME = "agent-run";

/**
 * Job-level retries cover crashes and outages longer than the in-call retries; the
 * worker's backoff strategy honours a provider's retry-after when there is one.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: "provider", delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
