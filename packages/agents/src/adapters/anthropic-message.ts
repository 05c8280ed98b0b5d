import type { TokenUsage } from "../lib/model-catalog";
import type { GenerateResult, KnownStopReason, StopReason, ToolUse } from "./types";

/** The parts of an SDK Message this code reads; the SDK's own type is assignable to it. */
export interface ApiMessage {
  model: string;
  content: readonly { type: string; text?: string; id?: string; name?: string; input?: unknown }[];
  stop_reason: string | null;
  usage: ApiUsage;
}

export interface ApiUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
}

const KNOWN_STOP_REASONS: ReadonlySet<string> = new Set<KnownStopReason>([
  "end_turn",
  "max_tokens",
  "stop_sequence",
  "tool_use",
  "pause_turn",
  "refusal",
  "model_context_window_exceeded",
]);

/** A Message from a live call or a batch result, as this code's result (rate limits are the caller's to add). */
export function resultFromMessage(message: ApiMessage): GenerateResult {
  const text = message.content.map((block) => (block.type === "text" ? (block.text ?? "") : "")).join("");
  const toolBlock = message.content.find((block) => block.type === "tool_use");
  const toolUse: ToolUse | undefined = toolBlock && {
    id: toolBlock.id ?? "",
    name: toolBlock.name ?? "",
    input: toolBlock.input,
  };
  return {
    text,
    model: message.model,
    usage: usageFromApi(message.usage),
    stopReason: toStopReason(message.stop_reason),
    ...(toolUse && { toolUse }),
    isSimulated: false,
  };
}

/**
 * Usage as billed. Cache writes are split by TTL from `cache_creation`; a response without that
 * breakdown (older API versions) wrote only 5-minute entries, the only kind they had.
 */
export function usageFromApi(usage: ApiUsage): TokenUsage {
  const split = usage.cache_creation;
  const writes1h = split?.ephemeral_1h_input_tokens ?? 0;
  const writes = usage.cache_creation_input_tokens ?? (split ? split.ephemeral_5m_input_tokens + writes1h : 0);
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: writes,
    // The API reports the total and the split separately; never let the split claim more than the total.
    cacheWrite1hTokens: Math.min(writes1h, writes),
  };
}

export function toStopReason(reason: string | null): StopReason {
  if (reason !== null && KNOWN_STOP_REASONS.has(reason)) return reason as KnownStopReason;
  return `other:${reason ?? "none"}`;
}
