import type { TokenUsage } from "../lib/model-catalog";

export type CacheTtl = "5m" | "1h";

/**
 * One block of a system prompt. A block with `cacheBreakpoint` ends a cacheable prefix: the tools and every
 * system block up to and including it. The API allows at most four breakpoints, 1-hour ones before 5-minute ones.
 */
export interface SystemBlock {
  text: string;
  cacheBreakpoint?: { ttl: CacheTtl };
}

/** A tool the model may call; `inputSchema` is the JSON Schema (type "object") of its input. */
export interface ToolDefinition {
  name: string;
  description?: string;
  inputSchema: { type: "object"; properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };
}

/** `tool` forces one named tool, `any` forces some tool, `auto` lets the model choose. */
export type ToolChoice = { type: "auto" } | { type: "any" } | { type: "tool"; name: string };

export interface GenerateRequest {
  model: string;
  maxTokens: number;
  /** A plain string, or ordered blocks of which some may end a cacheable prefix. */
  system: string | SystemBlock[];
  /**
   * The conversation. When the last message is the assistant's (a prefill), the model continues that text:
   * the result holds only what comes after it, and only that is counted as output.
   */
  messages: { role: "user" | "assistant"; content: string }[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Word count the prompt asks for; the simulated provider aims near it. */
  targetWords?: number;
  signal?: AbortSignal;
}

export interface RateLimitInfo {
  requestsRemaining?: number;
  tokensRemaining?: number;
  resetAt?: Date;
}

export type KnownStopReason =
  "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal" | "model_context_window_exceeded";

/** A reason this code does not know yet arrives as `other:<reason>`, never silently as end_turn. */
export type StopReason = KnownStopReason | `other:${string}`;

export interface ToolUse {
  id: string;
  name: string;
  /** Whatever the model sent, unchecked: validating it against the tool's schema is the caller's job. */
  input: unknown;
}

export interface GenerateResult {
  /** The text blocks, joined; after a prefill, only the continuation. */
  text: string;
  model: string;
  usage: TokenUsage;
  stopReason: StopReason;
  /** The first tool_use block, when the model called a tool. */
  toolUse?: ToolUse;
  isSimulated: boolean;
  rateLimit?: RateLimitInfo;
}

/** A provider of generations. Errors are ProviderError, so callers can decide what to retry. */
export interface LlmAdapter {
  readonly name: "anthropic" | "simulated";
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
