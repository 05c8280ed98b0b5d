import { z } from "zod";
import { ProviderError } from "../../adapters/provider-error";
import type { GenerateRequest, LlmAdapter, ToolDefinition } from "../../adapters/types";
import { describeIssues } from "../../lib/errors";
import { costOfUsage, estimateCost, estimateInputTokens, type TokenUsage } from "../../lib/model-catalog";
import { MODEL_SELECTION, type TaskComplexity } from "../../lib/model-router";
import type { TierBoundary } from "../../lib/tier-boundary";

/** The classifier runs on the simple tier's model (Haiku): cheap next to the call it routes. */
export const CLASSIFIER_MODEL = MODEL_SELECTION.simple.model;
/** One short tool call; this bounds what it can cost. */
export const CLASSIFIER_MAX_TOKENS = 256;
const REASON_MAX_CHARS = 200;

/** What the classifier is told about the task: what the heuristic saw, never the draft (there is none yet). */
export interface ClassifierSubject {
  role: string;
  topic: string;
  brief?: string;
  targetWords?: number;
  requiresReasoning: boolean;
  hasRevisionHistory: boolean;
  /** What the reviewer asked of the previous draft, for a revision. */
  feedback?: string;
  analysisCues: string[];
  boundary: TierBoundary;
}

export type TierClassification = {
  model: string;
  /** Billed tokens priced; 0 when the provider answered with an error (errors are not billed). */
  costMicros: number;
  latencyMs: number;
  usage?: TokenUsage;
} & ({ status: "chosen"; tier: TaskComplexity; reason: string } | { status: "failed"; error: string });

const TIER_MEANINGS: Partial<Record<TaskComplexity, string>> = {
  simple: "a short piece a fast, cheap model writes well (Haiku)",
  standard: "ordinary long-form writing (Sonnet, up to 8k output tokens)",
  complex: "long or analytical writing that needs careful reasoning and room (Sonnet, up to 16k output tokens)",
};

function chooseTierTool(tiers: TierBoundary["tiers"]): ToolDefinition {
  return {
    name: "choose_tier",
    description: "Record the tier this writing task needs and why, in one sentence.",
    inputSchema: {
      type: "object",
      properties: {
        tier: { type: "string", enum: [...tiers] },
        reason: { type: "string", maxLength: REASON_MAX_CHARS },
      },
      required: ["tier", "reason"],
    },
  };
}

export function classifierRequest(subject: ClassifierSubject, signal?: AbortSignal): GenerateRequest {
  const { tiers } = subject.boundary;
  const tool = chooseTierTool(tiers);
  const system = [
    "You route writing tasks to a model tier. Pick the cheaper tier unless the task clearly needs the other.",
    ...tiers.map((t) => `- ${t}: ${TIER_MEANINGS[t] ?? t}`),
    "Call choose_tier exactly once.",
  ].join("\n");
  const task = [
    `Role: ${subject.role}`,
    `Topic: ${subject.topic}`,
    subject.brief && `Brief: ${subject.brief.slice(0, 1500)}`,
    subject.targetWords && `Target length: ${subject.targetWords} words`,
    `Reasoning asked for: ${subject.requiresReasoning ? "yes" : "no"}`,
    subject.analysisCues.length > 0 && `The brief mentions: ${subject.analysisCues.join(", ")}`,
    subject.hasRevisionHistory && `A revision; the reviewer said: ${(subject.feedback ?? "").slice(0, 600)}`,
    `Close call: ${subject.boundary.rule}`,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    model: CLASSIFIER_MODEL,
    maxTokens: CLASSIFIER_MAX_TOKENS,
    system,
    messages: [{ role: "user", content: task }],
    tools: [tool],
    toolChoice: { type: "tool", name: tool.name },
    signal,
  };
}

/** The most a classifier call on this subject can cost: held before the call is made. */
export function estimateClassifierCost(subject: ClassifierSubject): number {
  const { system, messages } = classifierRequest(subject);
  const systemChars = typeof system === "string" ? system.length : system.reduce((n, b) => n + b.text.length, 0);
  const chars = systemChars + messages.reduce((n, m) => n + m.content.length, 0);
  // The tool's schema is sent too; 200 tokens covers it with room.
  return estimateCost(CLASSIFIER_MODEL, estimateInputTokens(chars) + 200, CLASSIFIER_MAX_TOKENS);
}

/**
 * One forced `choose_tier` call, its answer validated with zod against the two tiers of the close call.
 * Never throws for the classifier's own failures (a provider error, a timeout, no tool call, an answer
 * outside the two tiers): the caller falls back to the heuristic and the breaker counts the failure.
 */
export async function classifyTier(
  adapter: LlmAdapter,
  subject: ClassifierSubject,
  options: { timeoutMs: number; signal?: AbortSignal; now?: () => number },
): Promise<TierClassification> {
  const now = options.now ?? performance.now.bind(performance);
  const started = now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const base = { model: CLASSIFIER_MODEL };
  let result;
  try {
    result = await adapter.generate(classifierRequest(subject, signal));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const latencyMs = Math.round(now() - started);
    const why = timeout.aborted
      ? `timed out after ${options.timeoutMs} ms`
      : error instanceof ProviderError
        ? error.message
        : null;
    if (why === null) throw error;
    return { ...base, status: "failed", error: `classifier call failed: ${why}`, costMicros: 0, latencyMs };
  }
  const latencyMs = Math.round(now() - started);
  const charged = { ...base, costMicros: costOfUsage(CLASSIFIER_MODEL, result.usage), usage: result.usage, latencyMs };
  if (!result.toolUse) return { ...charged, status: "failed", error: "classifier answered without a tier" };
  const schema = z.object({
    tier: z.enum(subject.boundary.tiers),
    reason: z.string().trim().min(1).max(REASON_MAX_CHARS),
  });
  const parsed = schema.safeParse(result.toolUse.input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues, "choice").join("; ");
    return { ...charged, status: "failed", error: `classifier's answer did not fit: ${issues}`.slice(0, 300) };
  }
  return { ...charged, status: "chosen", tier: parsed.data.tier, reason: parsed.data.reason };
}
