import Anthropic from "@anthropic-ai/sdk";

export interface AnthropicAdapterOptions {
  apiKey: string;
  /** @defaultValue https://api.anthropic.com */
  baseURL?: string;
  /** Per-call timeout. @defaultValue 600000 (10 minutes, for long streamed generations) */
  timeoutMs?: number;
  /** Above this many output tokens the call streams, so long generations are not cut by proxies. @defaultValue 4096 */
  streamAboveTokens?: number;
}

/**
 * The SDK client both Anthropic adapters use. Its own retries are off (maxRetries: 0): the job layer
 * retries, so it can honour retry-after and fall back to another model when one stays overloaded.
 */
export function createAnthropicClient(options: AnthropicAdapterOptions): Anthropic {
  return new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
  });
}
