import type { GenerateRequest, GenerateResult, LlmAdapter } from "../adapters/types";
import { costOfUsage, type ModelId, type TokenUsage } from "../lib/model-catalog";
import { worstCaseCost } from "../prompts/cache-plan";
import type { Sleep } from "../lib/sleep";
import { generateWithFallback, type RetryPolicy } from "./generate-with-fallback";

export interface CompleteGeneration {
  /** The whole text: the first call's, and the continuation's after it. */
  text: string;
  model: ModelId;
  isFallback: boolean;
  /** Every generation call's tokens added up. */
  usage: TokenUsage;
  /** Every generation call priced on its own, as the provider bills them. */
  costMicros: number;
  /** 0, or 1 when a cut-off generation was continued. */
  continuations: number;
  /** Still cut off at max_tokens: after the continuation, or because the tenant could not afford one. */
  isTruncated: boolean;
  last: GenerateResult;
}

export interface CompletionDeps {
  adapter: LlmAdapter;
  floor: ModelId;
  policy: RetryPolicy;
  sleep: Sleep;
  /** Holds `amountMicros` more for the continuation; false when the tenant cannot afford it. */
  extendHold: (amountMicros: number) => Promise<boolean>;
}

/**
 * A generation that is not silently cut short. When the provider stops at max_tokens, the
 * partial text goes back as an assistant prefill and the model continues it once, on the
 * same model (no fallback mid-piece), after the hold has been extended by the
 * continuation's worst case. If it is cut again, or the tenant cannot afford to continue,
 * the result says it is truncated, and the checks fail it.
 */
export async function generateComplete(request: GenerateRequest, deps: CompletionDeps): Promise<CompleteGeneration> {
  const first = await generateWithFallback(deps.adapter, request, deps.floor, deps.policy, deps.sleep);
  const firstCost = costOfUsage(first.model, first.result.usage);
  const done = { model: first.model, isFallback: first.isFallback, last: first.result };
  if (first.result.stopReason !== "max_tokens") {
    const { text, usage } = first.result;
    return { ...done, text, usage, costMicros: firstCost, continuations: 0, isTruncated: false };
  }
  // The API refuses a prefill that ends in whitespace.
  const partial = first.result.text.trimEnd();
  const messages = [...request.messages, { role: "assistant" as const, content: partial }];
  const worstCase = worstCaseCost(first.model, { ...request, messages });
  if (!(await deps.extendHold(worstCase))) {
    const { usage } = first.result;
    return { ...done, text: partial, usage, costMicros: firstCost, continuations: 0, isTruncated: true };
  }
  const next = await generateWithFallback(
    deps.adapter,
    { ...request, model: first.model, messages },
    first.model,
    {
      ...deps.policy,
    },
    deps.sleep,
  );
  return {
    ...done,
    text: partial + next.result.text,
    usage: addUsage(first.result.usage, next.result.usage),
    costMicros: firstCost + costOfUsage(next.model, next.result.usage),
    continuations: 1,
    isTruncated: next.result.stopReason === "max_tokens",
    last: next.result,
  };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0),
    cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0),
    cacheWrite1hTokens: (a.cacheWrite1hTokens ?? 0) + (b.cacheWrite1hTokens ?? 0),
  };
}
