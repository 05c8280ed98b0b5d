import type { GenerateRequest, GenerateResult, LlmAdapter } from "../adapters/types";
import { ProviderError } from "../adapters/provider-error";
import { type ModelId, getModel, isMoreCapable, nextModelDown } from "../lib/model-catalog";
import { type Sleep, sleep as realSleep } from "../lib/sleep";

export interface RetryPolicy {
  /** Calls per model before giving up on it. @defaultValue 3 */
  maxTriesPerModel: number;
  /** First backoff when the provider sends no retry-after. @defaultValue 500 */
  baseDelayMs: number;
  /** Longest wait honoured in-process; longer waits go back to the queue's backoff. @defaultValue 20000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTriesPerModel: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

export interface GenerationOutcome {
  result: GenerateResult;
  model: ModelId;
  isFallback: boolean;
  /** Provider calls made, failed ones included. */
  calls: number;
}

/**
 * Calls the provider, retrying what is worth retrying (529/5xx/timeouts) after the
 * provider's retry-after or an exponential backoff. When a model stays overloaded,
 * steps one model down — only while the floor allows it. A 429 is not retried
 * here: a rate limit is the lane's to wait out (the worker pauses it), not one
 * job's to sleep through while holding credits and a slot.
 */
export async function generateWithFallback(
  adapter: LlmAdapter,
  request: GenerateRequest,
  floor: ModelId,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: Sleep = realSleep,
): Promise<GenerationOutcome> {
  let model = request.model;
  let calls = 0;
  for (;;) {
    const maxTokens = Math.min(request.maxTokens, getModel(model).maxOutputTokens);
    try {
      const result = await callWithRetries(adapter, { ...request, model, maxTokens }, policy, sleep, () => calls++);
      return { result, model, isFallback: model !== request.model, calls };
    } catch (error) {
      const next = nextModelDown(model);
      const canFallBack =
        error instanceof ProviderError && error.kind === "overloaded" && next && !isMoreCapable(floor, next);
      if (!canFallBack) throw error;
      model = next;
    }
  }
}

async function callWithRetries(
  adapter: LlmAdapter,
  request: GenerateRequest,
  policy: RetryPolicy,
  sleep: Sleep,
  onCall: () => void,
): Promise<GenerateResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      onCall();
      return await adapter.generate(request);
    } catch (error) {
      const isLast = attempt >= policy.maxTriesPerModel;
      if (!(error instanceof ProviderError) || !error.isRetryable || error.kind === "rate_limited" || isLast)
        throw error;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      const delay = error.retryAfterMs ?? backoff;
      if (delay > policy.maxDelayMs) throw error;
      await sleep(delay, request.signal);
    }
  }
}
