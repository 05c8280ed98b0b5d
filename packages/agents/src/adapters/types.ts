import type { TokenUsage } from "../lib/model-catalog";

export interface GenerateRequest {
  model: string;
  maxTokens: number;
  system: string;
  messages: { role: "user" | "assistant"; content: string }[];
  /** Word count the prompt asks for; the simulated provider aims near it. */
  targetWords?: number;
  signal?: AbortSignal;
}

export interface RateLimitInfo {
  requestsRemaining?: number;
  tokensRemaining?: number;
  resetAt?: Date;
}

export interface GenerateResult {
  text: string;
  model: string;
  usage: TokenUsage;
  stopReason: string;
  isSimulated: boolean;
  rateLimit?: RateLimitInfo;
}

/** A provider of generations. Errors are ProviderError, so callers can decide what to retry. */
export interface LlmAdapter {
  readonly name: "anthropic" | "simulated";
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
