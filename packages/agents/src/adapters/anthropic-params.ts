import type { CacheTtl, GenerateRequest, SystemBlock } from "./types";

export interface ApiCacheControl {
  type: "ephemeral";
  ttl?: CacheTtl;
}

export interface ApiTextBlock {
  type: "text";
  text: string;
  cache_control?: ApiCacheControl | null;
}

export interface ApiTool {
  name: string;
  description?: string;
  input_schema: { type: "object"; [key: string]: unknown };
  cache_control?: ApiCacheControl | null;
}

export type ApiToolChoice = { type: "auto" } | { type: "any" } | { type: "tool"; name: string } | { type: "none" };

/**
 * The Messages API body for one generation, in the API's own names. It is a subset of the SDK's
 * MessageCreateParamsNonStreaming, so the same value goes to a live call, into a batch, or to the
 * simulated provider (which reads it exactly as the fake API does).
 */
export interface ApiMessageParams {
  model: string;
  max_tokens: number;
  system?: string | ApiTextBlock[];
  messages: { role: "user" | "assistant"; content: string }[];
  tools?: ApiTool[];
  tool_choice?: ApiToolChoice;
}

export function toApiParams(request: GenerateRequest): ApiMessageParams {
  const params: ApiMessageParams = {
    model: request.model,
    max_tokens: request.maxTokens,
    system: typeof request.system === "string" ? request.system : request.system.map(toTextBlock),
    messages: request.messages.map(({ role, content }) => ({ role, content })),
  };
  if (request.tools) {
    params.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      input_schema: tool.inputSchema,
    }));
  }
  if (request.toolChoice) params.tool_choice = request.toolChoice;
  return params;
}

function toTextBlock(block: SystemBlock): ApiTextBlock {
  const cacheControl = block.cacheBreakpoint && { type: "ephemeral" as const, ttl: block.cacheBreakpoint.ttl };
  return { type: "text", text: block.text, ...(cacheControl && { cache_control: cacheControl }) };
}

/** The assistant text a request ends with (a prefill), if it ends with one. */
export function prefillOf(messages: readonly PrefillMessage[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role !== "assistant") return undefined;
  if (typeof last.content === "string") return last.content;
  return last.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

/** A message as both the SDK's params and the fake server's checked body carry it. */
interface PrefillMessage {
  role: string;
  content: string | readonly { type?: string; text?: string }[];
}
