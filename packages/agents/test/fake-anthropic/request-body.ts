import { z } from "zod";

const CacheControlSchema = z.object({ type: z.literal("ephemeral"), ttl: z.enum(["5m", "1h"]).optional() });

const BlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  cache_control: CacheControlSchema.nullish(),
});

const TextBlockSchema = z.object({
  type: z.literal("text"),
  text: z.string(),
  cache_control: CacheControlSchema.nullish(),
});

/**
 * The part of a Messages API body the fake reads, checked the way the API checks it: a body that does not
 * fit is a 400 invalid_request_error, as it would be from the real API.
 */
export const MessageBodySchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(0),
  stream: z.boolean().optional(),
  system: z.union([z.string(), z.array(TextBlockSchema)]).optional(),
  messages: z
    .array(z.object({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(BlockSchema)]) }))
    .min(1),
  tools: z
    .array(
      z.object({
        name: z.string().min(1),
        description: z.string().optional(),
        input_schema: z.looseObject({ type: z.literal("object") }),
        cache_control: CacheControlSchema.nullish(),
      }),
    )
    .optional(),
  tool_choice: z.object({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() }).nullish(),
});

export type MessageBody = z.infer<typeof MessageBodySchema>;

/** The body, or the message of the 400 the API would send for it. */
export function parseMessageBody(value: unknown): { body: MessageBody } | { problem: string } {
  const parsed = MessageBodySchema.safeParse(value);
  if (parsed.success) return { body: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: `${issue.path.map(String).join(".") || "body"}: ${issue.message}` };
}
