import type { ModelSpec } from "../lib/model-catalog";
import { continueAfter, fitToBudget, outputTokensOf } from "./output-budget";
import { approxTokens } from "./prompt-segments";
import { generateProse, type ProseShape } from "./simulated-prose";
import { simulatedToolInput } from "./simulated-tool-input";
import type { StopReason, ToolDefinition, ToolUse } from "./types";

export interface SimulatedOutput {
  text: string;
  outputTokens: number;
  stopReason: StopReason;
  toolUse?: ToolUse;
}

export interface ProseAsk {
  model: ModelSpec;
  maxTokens: number;
  targetWords?: number;
  /** The system prompt and the conversation before any prefill, as one text. */
  prompt: string;
  systemText: string;
  prefill?: string;
  seed: number;
}

/** How far from the asked length each model family lands, as a share: cheaper models drift more. */
const LENGTH_DRIFT = { haiku: 0.22, sonnet: 0.1, opus: 0.05 } as const;

/**
 * Prose near the asked length. The length is chosen from the target and the budget, then the text is cut
 * at max_tokens if it runs over, so output never exceeds the budget. After a prefill the same prose is
 * written (the seed ignores the prefill) and only its remainder is returned and counted.
 */
export function simulatedProse(ask: ProseAsk): SimulatedOutput {
  const maxWords = Math.floor(ask.maxTokens * 0.75);
  const asked = Math.min(ask.targetWords ?? Math.floor(ask.maxTokens * 0.6), maxWords);
  const drift = ((ask.seed % 2001) / 1000 - 1) * LENGTH_DRIFT[ask.model.family];
  const words = Math.max(5, Math.round(asked * (1 + drift)));
  const full = generateProse({ shape: shapeOf(ask.systemText), topic: topicOf(ask.prompt), words, seed: ask.seed });
  const { text, isCut } = fitToBudget(continueAfter(full, ask.prefill), ask.maxTokens);
  return { text, outputTokens: outputTokensOf(text, ask.maxTokens), stopReason: isCut ? "max_tokens" : "end_turn" };
}

/**
 * A forced tool call with schema-shaped noise as its input (see simulatedToolInput). An input that would
 * not fit the budget is not sent: the call stops at max_tokens with no tool_use, as a cut call would.
 */
export function simulatedToolCall(tool: ToolDefinition, maxTokens: number, seed: number): SimulatedOutput {
  const input = simulatedToolInput(tool.inputSchema, seed);
  const json = JSON.stringify(input);
  if (approxTokens(json) > maxTokens) return { text: "", outputTokens: maxTokens, stopReason: "max_tokens" };
  const toolUse = { id: `toolu_sim_${seed.toString(16).padStart(8, "0")}`, name: tool.name, input };
  return { text: "", outputTokens: outputTokensOf(json, maxTokens), stopReason: "tool_use", toolUse };
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
