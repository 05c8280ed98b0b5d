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
  })
  .strict();
export type TaskInput = z.infer<typeof TaskInputSchema>;

/** Brand context kept on the AgentConfig; every field optional, unknown keys dropped. */
export const PromptSettingsSchema = z
  .object({
    voice: z.string().max(500).optional(),
    audience: z.string().max(500).optional(),
    bannedPhrases: z.array(z.string().max(80)).max(50).default([]),
    requiredPhrases: z.array(z.string().max(80)).max(20).default([]),
    contextFile: z.string().max(20_000).optional(),
  })
  .catch({ bannedPhrases: [], requiredPhrases: [] });
export type PromptSettings = z.infer<typeof PromptSettingsSchema>;

/** Default length per role when the task names none (words). */
export const DEFAULT_LENGTH: Record<TaskInput["role"], number> = {
  "blog-writer": 900,
  "social-post-writer": 60,
  "email-writer": 220,
  "strategy-writer": 1400,
  "context-file-writer": 700,
};
