import { z } from "zod";
import { AgentRoleSchema } from "../lib/agent-roles";
import { storableText } from "../lib/text";

/** What a tenant asks an agent for. Bounded everywhere: oversize input is a 4xx, not a bill. */
export const TaskInputSchema = z
  .object({
    role: AgentRoleSchema,
    topic: storableText(500, 3),
    brief: storableText(4000).default(""),
    /** Words the output should run to. */
    outputLengthTarget: z.number().int().min(10).max(6000).optional(),
    requiresReasoning: z.boolean().default(false),
    audience: storableText(300).optional(),
    tone: storableText(200).optional(),
    keywords: z.array(storableText(60, 1)).max(20).default([]),
    channel: z.enum(["linkedin", "x", "instagram", "facebook", "newsletter"]).optional(),
    callToAction: storableText(200).optional(),
    /** "batch": the result can wait for a Message Batch (half price, within 24 hours); "live" never waits. */
    urgency: z.enum(["live", "batch"]).optional(),
    /** The latest the result is needed (ISO 8601 with an offset); 1 hour to 30 days ahead when enqueued. */
    deliverBy: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TaskInput = z.infer<typeof TaskInputSchema>;

/** A deadline this close or closer cannot wait for a batch; one further off than the window is a typo. */
export const DELIVER_BY_WINDOW = { minAheadMs: 60 * 60_000, maxAheadMs: 30 * 24 * 60 * 60_000 } as const;

/**
 * Why a task's deliverBy is unacceptable at enqueue time, if it is: in the past, under an hour ahead, or
 * more than 30 days ahead. Checked at the boundary only: a stored task is re-read hours later.
 */
export function deliverByProblem(deliverBy: string | undefined, now = Date.now()): string | undefined {
  if (deliverBy === undefined) return undefined;
  const aheadMs = Date.parse(deliverBy) - now;
  if (aheadMs < DELIVER_BY_WINDOW.minAheadMs) {
    return `body.deliverBy: must be at least 1 hour ahead (got ${deliverBy}); omit it for live work`;
  }
  if (aheadMs > DELIVER_BY_WINDOW.maxAheadMs) return `body.deliverBy: must be at most 30 days ahead (got ${deliverBy})`;
  return undefined;
}

/**
 * Whether a task waits for a Message Batch: it says so (urgency "batch" or a deliverBy, which is always an
 * hour or more ahead), or its role waits by default and it does not ask for live. Revisions and context
 * files are always live: a person is waiting on the one, and the tenant's setup on the other.
 */
export function isBatchWork(task: TaskInput, { isRevision, isBatchByDefault }: BatchWorkOptions): boolean {
  if (isRevision || task.role === "context-file-writer") return false;
  if (task.urgency !== undefined) return task.urgency === "batch";
  return task.deliverBy !== undefined || isBatchByDefault;
}

export interface BatchWorkOptions {
  isRevision: boolean;
  /** The role's AgentConfig.isBatchByDefault. */
  isBatchByDefault: boolean;
}

/** Brand context kept on the AgentConfig; every field optional, unknown keys dropped. */
export const PromptSettingsSchema = z
  .object({
    voice: z.string().max(500).optional(),
    audience: z.string().max(500).optional(),
    bannedPhrases: z.array(z.string().max(80)).max(50).default([]),
    requiredPhrases: z.array(z.string().max(80)).max(20).default([]),
    contextFile: z.string().max(20_000).optional(),
    /** The tenant's product names: what brief extraction recognises as a product. */
    products: z.array(z.string().max(200)).max(500).default([]),
  })
  .catch({ bannedPhrases: [], requiredPhrases: [], products: [] });
export type PromptSettings = z.infer<typeof PromptSettingsSchema>;

/** Default length per role when the task names none (words). */
export const DEFAULT_LENGTH: Record<TaskInput["role"], number> = {
  "blog-writer": 900,
  "social-post-writer": 60,
  "email-writer": 220,
  "strategy-writer": 1400,
  "context-file-writer": 700,
};
