import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, AnthropicError } from "@anthropic-ai/sdk";
import { kindForStatus, ProviderError } from "./provider-error";
import type { GenerateRequest, GenerateResult, LlmAdapter, RateLimitInfo } from "./types";

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
 * The real Messages API through the official SDK. The SDK's own retries are off
 * (maxRetries: 0): the job layer retries, so it can honour retry-after and fall
 * back to another model when one stays overloaded.
 */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): LlmAdapter {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 600_000 });
  const streamAbove = options.streamAboveTokens ?? 4096;
  return {
    name: "anthropic",
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const params = { model: request.model, max_tokens: request.maxTokens, system: request.system, messages: request.messages };
      try {
        const { data: message, response } =
          request.maxTokens > streamAbove
            ? await withFinalMessage(client.messages.stream(params, { signal: request.signal }))
            : await client.messages.create(params, { signal: request.signal }).withResponse();
        const text = message.content.map((block: { type: string; text?: string }) => (block.type === "text" ? (block.text ?? "") : "")).join("");
        const usage = message.usage;
        return {
          text,
          model: message.model,
          usage: {
            inputTokens: usage.input_tokens,
            outputTokens: usage.output_tokens,
            cacheReadTokens: usage.cache_read_input_tokens ?? 0,
            cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
          },
          stopReason: message.stop_reason ?? "end_turn",
          isSimulated: false,
          rateLimit: readRateLimit(response.headers),
        };
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}

async function withFinalMessage(stream: ReturnType<Anthropic["messages"]["stream"]>) {
  const { response } = await stream.withResponse();
  return { data: await stream.finalMessage(), response };
}

function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const number = (name: string) => {
    const value = headers.get(name);
    return value === null || value === "" || Number.isNaN(Number(value)) ? undefined : Number(value);
  };
  const reset = headers.get("anthropic-ratelimit-requests-reset");
  const info: RateLimitInfo = {
    requestsRemaining: number("anthropic-ratelimit-requests-remaining"),
    tokensRemaining: number("anthropic-ratelimit-tokens-remaining"),
    resetAt: reset && !Number.isNaN(Date.parse(reset)) ? new Date(reset) : undefined,
  };
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

/** retry-after-ms when present, else retry-after in seconds (or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && !Number.isNaN(Number(ms))) return Number(ms);
  const after = headers?.get("retry-after");
  if (!after) return undefined;
  if (!Number.isNaN(Number(after))) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Classifies whatever the SDK threw; messages carry the provider's reason, never the key. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) return new ProviderError("timeout", "The Anthropic API did not answer in time.");
  if (error instanceof APIConnectionError) return new ProviderError("connection", `Could not reach the Anthropic API: ${error.message}`);
  if (error instanceof APIError && error.status !== undefined) {
    const kind = kindForStatus(error.status);
    return new ProviderError(kind, `Anthropic API ${error.status}: ${error.message}`, error.status, retryAfterMs(error.headers));
  }
  // A body that is not the JSON or event stream the API promises (cut off, garbled).
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AnthropicError || error instanceof SyntaxError) {
    return new ProviderError("malformed", `The Anthropic API sent a response that could not be read: ${message}`);
  }
  return new ProviderError("connection", `The Anthropic API call failed: ${message}`);
}
