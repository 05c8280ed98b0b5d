import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { getModel, type ModelId } from "../lib/model-catalog";
import type { TaskComplexity } from "../lib/model-router";

/**
 * The one list of queues: one lane per kind of work, decided by the route a job is
 * planned to take, so a 150-word caption on Haiku never queues behind a 3,000-word
 * deep-dive on Opus. (The first design had one queue per agent family; a family
 * mixes quick captions with long emails, and what makes a job wait is the work
 * ahead of it, not its role.) A queue is delivery only: the payload carries ids and
 * the AgentRun row owns the truth (status, routing, money), so a job delivered twice
 * or replayed after a crash still runs and charges once.
 */
export const LANES = {
  fast: { queue: "agents-fast", description: "Haiku-routed work: captions, short emails, trivial edits" },
  standard: { queue: "agents-standard", description: "Sonnet-routed work of standard complexity" },
  heavy: { queue: "agents-heavy", description: "long or reasoning-heavy work: complex Sonnet tasks and Opus" },
  batch: {
    queue: "agents-batch",
    description: "work that can wait: held at batch prices, then gathered per model into a Message Batch",
  },
} as const satisfies Record<string, { queue: string; description: string }>;

export type Lane = keyof typeof LANES;

/**
 * Webhook deliveries, on a queue of their own so a slow receiver never holds up an agent lane, nor the
 * reverse. Its payload and options live with the delivery code (webhooks/webhook-queue.ts).
 */
export const WEBHOOK_QUEUE = "webhooks";
export const LANE_NAMES = Object.keys(LANES) as Lane[];
export const LaneSchema = z.enum(LANE_NAMES as [Lane, ...Lane[]]);
/** The lanes whose jobs call the model at once. */
export type LiveLane = Exclude<Lane, "batch">;

/** The lane of a planned route: by the model's tier first, then by how heavy the task is. */
export function laneForRoute(model: ModelId, complexity: TaskComplexity): LiveLane {
  const family = getModel(model).family;
  if (family === "opus" || complexity === "complex" || complexity === "expert") return "heavy";
  return family === "haiku" ? "fast" : "standard";
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
