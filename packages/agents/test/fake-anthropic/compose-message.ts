import { randomUUID } from "node:crypto";
import { prefillOf } from "../../src/adapters/anthropic-params";
import { continueAfter, fitToBudget, outputTokensOf } from "../../src/adapters/output-budget";
import type { CacheSplit, PromptCache } from "../../src/adapters/prompt-cache";
import { approxTokens, promptSegments } from "../../src/adapters/prompt-segments";
import { forcedTool } from "../../src/adapters/request-rules";
import { hashString } from "../../src/adapters/simulated-prose";
import { simulatedToolInput } from "../../src/adapters/simulated-tool-input";
import { MODEL_CATALOG, type ModelSpec } from "../../src/lib/model-catalog";
import type { AnswerBehaviour, FakeUsage } from "./behaviours";
import type { MessageBody } from "./request-body";

/** For a model the catalog does not know, the fake caches prefixes from this many tokens. */
const UNKNOWN_MODEL_MIN_CACHEABLE = 1_024;

export type FakeContentBlock =
  | { type: "text"; text: string; citations: null }
  | { type: "tool_use"; id: string; name: string; input: unknown; caller: { type: "direct" } };

export interface FakeMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: FakeContentBlock[];
  stop_reason: "end_turn" | "max_tokens" | "tool_use";
  stop_sequence: null;
  stop_details: null;
  container: null;
  diagnostics: null;
  usage: FakeUsage;
}

interface Answer {
  content: FakeContentBlock[];
  stopReason: FakeMessage["stop_reason"];
  outputTokens: number;
}

/**
 * The Message the API would send for a body, with the documented semantics that change bills: the prompt
 * cache is read and written (only when a message is produced), input_tokens counts only what follows the
 * last cached prefix, and output never exceeds max_tokens. Token counts are approxTokens (4 chars a token).
 */
export function composeMessage(
  body: MessageBody,
  behaviour: AnswerBehaviour,
  cache: PromptCache,
  serviceTier: FakeUsage["service_tier"] = "standard",
): FakeMessage {
  const spec: ModelSpec | undefined = (MODEL_CATALOG as Record<string, ModelSpec>)[body.model];
  const segments = promptSegments(body);
  const split = cache.apply(body.model, spec?.minCacheableTokens ?? UNKNOWN_MODEL_MIN_CACHEABLE, segments);
  const seed = hashString(body.model + segments.map((s) => s.key).join("\u0001"));
  const answer = answerFor(body, behaviour, seed);
  return {
    id: `msg_fake_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
    type: "message",
    role: "assistant",
    model: body.model,
    content: answer.content,
    stop_reason: answer.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: usageOf(split, answer.outputTokens, serviceTier, behaviour, body.max_tokens),
  };
}

function answerFor(body: MessageBody, behaviour: AnswerBehaviour, seed: number): Answer {
  const forced = forcedTool(body.tools, body.tool_choice);
  if (behaviour.kind === "tool" || (behaviour.kind === "ok" && behaviour.text === undefined && forced)) {
    const name = (behaviour.kind === "tool" && behaviour.name) || forced?.name || body.tools?.[0]?.name || "tool";
    const schema = body.tools?.find((t) => t.name === name)?.input_schema;
    const isGiven = behaviour.kind === "tool" && "input" in behaviour;
    const input = isGiven ? behaviour.input : simulatedToolInput(schema, seed);
    return toolAnswer(name, input, body.max_tokens, seed);
  }
  const budget = body.max_tokens;
  const fallback = behaviour.kind === "max_tokens" ? filler(budget) : `A reply from ${body.model}.`;
  const whole = behaviour.text ?? fallback;
  const { text, isCut } = fitToBudget(continueAfter(whole, prefillOf(body.messages)), budget);
  const content: FakeContentBlock[] = text === "" ? [] : [{ type: "text", text, citations: null }];
  const stopReason = isCut || behaviour.kind === "max_tokens" ? "max_tokens" : "end_turn";
  return { content, stopReason, outputTokens: outputTokensOf(text, budget) };
}

/** A tool input that would not fit the budget is not sent: the call stops at max_tokens without it. */
function toolAnswer(name: string, input: unknown, maxTokens: number, seed: number): Answer {
  const json = jsonOf(input) ?? "";
  if (approxTokens(json) > maxTokens) return { content: [], stopReason: "max_tokens", outputTokens: maxTokens };
  const id = `toolu_fake_${seed.toString(16).padStart(8, "0")}`;
  const block: FakeContentBlock = { type: "tool_use", id, name, input, caller: { type: "direct" } };
  return { content: [block], stopReason: "tool_use", outputTokens: outputTokensOf(json, maxTokens) };
}

/**
 * Usage as the API reports it; a test's explicit overrides win, except that output never exceeds the budget.
 * Overriding the write total without its split sends cache_creation: null, as older API versions did.
 */
function usageOf(
  split: CacheSplit,
  outputTokens: number,
  serviceTier: FakeUsage["service_tier"],
  behaviour: AnswerBehaviour,
  maxTokens: number,
): FakeUsage {
  const overrides = behaviour.kind === "ok" ? (behaviour.usage ?? {}) : {};
  const writes5m = split.cacheWriteTokens - split.cacheWrite1hTokens;
  const usage: FakeUsage = {
    input_tokens: split.inputTokens,
    output_tokens: outputTokens,
    cache_read_input_tokens: split.cacheReadTokens,
    cache_creation_input_tokens: split.cacheWriteTokens,
    cache_creation: { ephemeral_5m_input_tokens: writes5m, ephemeral_1h_input_tokens: split.cacheWrite1hTokens },
    service_tier: serviceTier,
    inference_geo: null,
    server_tool_use: null,
    output_tokens_details: null,
    speed: null,
    ...(overrides.cache_creation_input_tokens !== undefined && { cache_creation: null }),
    ...overrides,
  };
  return { ...usage, output_tokens: Math.min(usage.output_tokens, maxTokens) };
}

/** Text exactly as long as the budget allows, for a forced max_tokens stop. */
function filler(maxTokens: number): string {
  return "Words keep coming until the budget runs out. ".repeat(Math.ceil((maxTokens * 4) / 45) + 1);
}

/** JSON.stringify as it behaves: undefined for undefined (or a function), which its declared type leaves out. */
export function jsonOf(value: unknown): string | undefined {
  return JSON.stringify(value);
}
