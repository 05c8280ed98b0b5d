import { getModel } from "../lib/model-catalog";
import { type Sleep, sleep } from "../lib/sleep";
import { ProviderError } from "./provider-error";
import { generateProse, hashString, type ProseShape } from "./simulated-prose";
import type { GenerateRequest, GenerateResult, LlmAdapter } from "./types";

export interface SimulatedAdapterOptions {
  /** Per-call latency range in milliseconds; [0, 0] adds no timer at all. @defaultValue [200, 1500] */
  latencyMs?: [number, number];
  /** Share of calls (0–1) that fail as "overloaded" (529), as the real API sometimes does. @defaultValue 0 */
  failureRate?: number;
  sleep?: Sleep;
}

/** How far from the asked length each model family lands, as a share: cheaper models drift more. */
const LENGTH_DRIFT = { haiku: 0.22, sonnet: 0.1, opus: 0.05 } as const;

/**
 * The offline provider: deterministic, realistic-looking output near the target
 * length, token usage computed from the text, configurable latency and failures.
 * It is the default when no Anthropic key is configured, and every run it serves
 * is marked simulated.
 */
export function createSimulatedAdapter(options: SimulatedAdapterOptions = {}): LlmAdapter {
  const [minLatency, maxLatency] = options.latencyMs ?? [200, 1500];
  const failureRate = options.failureRate ?? 0;
  const wait = options.sleep ?? sleep;
  return {
    name: "simulated",
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const model = getModel(request.model);
      const prompt = request.system + "\n" + request.messages.map((m) => m.content).join("\n");
      const seed = hashString(`${request.model}\n${prompt}`);
      if (maxLatency > 0) await wait(minLatency + (seed % 1000) / 1000 * (maxLatency - minLatency), request.signal);
      if (failureRate > 0 && Math.random() < failureRate) {
        throw new ProviderError("overloaded", `Simulated provider: ${request.model} is overloaded (529).`, 529, 1000);
      }
      const maxWords = Math.floor(request.maxTokens * 0.75);
      const asked = Math.min(request.targetWords ?? Math.floor(request.maxTokens * 0.6), maxWords);
      const drift = ((seed % 2001) / 1000 - 1) * LENGTH_DRIFT[model.family];
      const words = Math.max(5, Math.round(asked * (1 + drift)));
      const text = generateProse({ shape: shapeOf(request.system), topic: topicOf(prompt), words, seed });
      return {
        text,
        model: request.model,
        usage: { inputTokens: Math.max(1, Math.ceil(prompt.length / 4)), outputTokens: Math.max(1, Math.ceil(text.length / 4)), cacheReadTokens: 0, cacheWriteTokens: 0 },
        stopReason: "end_turn",
        isSimulated: true,
      };
    },
  };
}

function shapeOf(system: string): ProseShape {
  if (/social posts/i.test(system)) return "social";
  if (/'Subject: '/i.test(system)) return "email";
  if (/blog post/i.test(system)) return "article";
  return "document";
}

function topicOf(prompt: string): string {
  return /^Topic: (.+)$/m.exec(prompt)?.[1] ?? "your content";
}
