import type { MessageStream } from "@anthropic-ai/sdk/lib/MessageStream";
import { type AnthropicAdapterOptions, createAnthropicClient } from "./anthropic-client";
import { toProviderError } from "./anthropic-errors";
import { resultFromMessage } from "./anthropic-message";
import { toApiParams } from "./anthropic-params";
import type { GenerateRequest, GenerateResult, LlmAdapter, RateLimitInfo } from "./types";

export type { AnthropicAdapterOptions } from "./anthropic-client";

/**
 * The real Messages API through the official SDK: system blocks with cache breakpoints, tools and a
 * forced tool choice go through as the API names them; usage comes back with cache reads and writes
 * split by TTL. Long generations stream, so proxies do not cut them.
 */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): LlmAdapter {
  const client = createAnthropicClient(options);
  const streamAbove = options.streamAboveTokens ?? 4096;
  return {
    name: "anthropic",
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const params = toApiParams(request);
      try {
        const { data: message, response } =
          request.maxTokens > streamAbove
            ? await withFinalMessage(client.messages.stream(params, { signal: request.signal }))
            : await client.messages.create(params, { signal: request.signal }).withResponse();
        const rateLimit = readRateLimit(response.headers);
        return { ...resultFromMessage(message), ...(rateLimit && { rateLimit }) };
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}

async function withFinalMessage<Parsed>(stream: MessageStream<Parsed>) {
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
