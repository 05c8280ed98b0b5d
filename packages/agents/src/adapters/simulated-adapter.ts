import { getModel } from "../lib/model-catalog";
import { type Sleep, sleep } from "../lib/sleep";
import { prefillOf, toApiParams } from "./anthropic-params";
import { PromptCache } from "./prompt-cache";
import { promptSegments } from "./prompt-segments";
import { ProviderError } from "./provider-error";
import { forcedTool, requestProblem } from "./request-rules";
import { simulatedProse, simulatedToolCall } from "./simulated-output";
import { hashString } from "./simulated-prose";
import type { GenerateRequest, GenerateResult, LlmAdapter } from "./types";

export interface SimulatedAdapterOptions {
  /** Per-call latency range in milliseconds; [0, 0] adds no timer at all. @defaultValue [200, 1500] */
  latencyMs?: [number, number];
  /** Share of calls (0–1) that fail as "overloaded" (529), as the real API sometimes does. @defaultValue 0 */
  failureRate?: number;
  sleep?: Sleep;
  /** The prompt cache's clock, in milliseconds; tests pass their own to expire entries. @defaultValue Date.now */
  now?: () => number;
}

/**
 * The offline provider: deterministic, realistic-looking output near the target length, token usage
 * computed from the text, configurable latency and failures. It honours the API's rules that change
 * bills: prompt caching (a cache per adapter instance, keyed by model and exact prefix, with the
 * catalog's minimum lengths), max_tokens stops, prefill continuation and forced tool calls. It is the
 * default when no Anthropic key is configured, and every run it serves is marked simulated.
 */
export function createSimulatedAdapter(options: SimulatedAdapterOptions = {}): LlmAdapter {
  const [minLatency, maxLatency] = options.latencyMs ?? [200, 1500];
  const failureRate = options.failureRate ?? 0;
  const wait = options.sleep ?? sleep;
  const cache = new PromptCache(options.now);
  return {
    name: "simulated",
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const model = getModel(request.model);
      const params = toApiParams(request);
      const prefill = prefillOf(params.messages);
      const { systemText, prompt } = promptText(request, prefill !== undefined);
      const seed = hashString(`${request.model}\n${prompt}`);
      if (maxLatency > 0) await wait(minLatency + ((seed % 1000) / 1000) * (maxLatency - minLatency), request.signal);
      if (failureRate > 0 && Math.random() < failureRate) {
        throw new ProviderError("overloaded", `Simulated provider: ${request.model} is overloaded (529).`, 529, 1000);
      }
      const problem = requestProblem(params);
      if (problem) throw new ProviderError("bad_request", `Simulated provider: invalid request (400): ${problem}`, 400);
      const split = cache.apply(model.id, model.minCacheableTokens, promptSegments(params));
      const tool = forcedTool(request.tools, request.toolChoice);
      const { maxTokens, targetWords } = request;
      const output = tool
        ? simulatedToolCall(tool, maxTokens, seed)
        : simulatedProse({ model, maxTokens, targetWords, prompt, systemText, prefill, seed });
      return {
        text: output.text,
        model: request.model,
        usage: { ...split, outputTokens: output.outputTokens },
        stopReason: output.stopReason,
        ...(output.toolUse && { toolUse: output.toolUse }),
        isSimulated: true,
      };
    },
  };
}

/** The prompt as one text, without a trailing prefill: the seed, so a continuation writes the same prose. */
function promptText(request: GenerateRequest, hasPrefill: boolean): { systemText: string; prompt: string } {
  const systemText = typeof request.system === "string" ? request.system : request.system.map((b) => b.text).join("\n");
  const asked = hasPrefill ? request.messages.slice(0, -1) : request.messages;
  return { systemText, prompt: systemText + "\n" + asked.map((m) => m.content).join("\n") };
}
