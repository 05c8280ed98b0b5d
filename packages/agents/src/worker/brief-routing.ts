import { type ClassifyTaskInput, type ComplexityExplanation, explainTaskComplexity } from "../lib/model-router";
import type { BuiltPrompt } from "../prompts/build-prompt";
import type { RunContext } from "./load-run-context";

const RICHER = { low: "medium", medium: "high", high: "high" } as const;

export interface BriefRouting {
  inputs: ClassifyTaskInput;
  explanation: ComplexityExplanation;
  /** The tier came from what the brief asks: without it, the classifier would have chosen another. */
  isTierFromBrief: boolean;
  /** What the brief contributed, recorded with the routing decision; absent when it was not read. */
  brief?: {
    named: string[];
    needsAnalysis: boolean;
    analysisCues: string[];
    /** An analysis cue would turn requiresReasoning on; `isApplied` says whether the tenant's policy let it. */
    proposesReasoning: boolean;
    isApplied: boolean;
    tierWithoutBrief: string;
    source: { provider: string; model: string };
  };
}

/**
 * The classifier's inputs, with what the brief was found to ask. Context richness rises a level when
 * the brief names two or more kinds of specifics (products, audience, calls to action, dates); an
 * analysis cue proposes requiresReasoning, which the run applies only when the role's configuration
 * allows it (`apply_brief_analysis`). Both the proposal and the outcome are recorded either way.
 */
export function routeWithBrief(ctx: RunContext, prompt: BuiltPrompt): BriefRouting {
  const plain: ClassifyTaskInput = {
    agentRole: ctx.role,
    outputLengthTarget: prompt.targetWords,
    hasRevisionHistory: ctx.run.revisesRunId !== null,
    contextRichness: prompt.contextRichness,
    requiresReasoning: ctx.task.requiresReasoning,
  };
  const without = explainTaskComplexity(plain);
  const { brief } = ctx;
  if (!brief) return { inputs: plain, explanation: without, isTierFromBrief: false };
  const kinds = { products: brief.products, audience: brief.audience, callsToAction: brief.callsToAction };
  const named = Object.entries({ ...kinds, dates: brief.dates }).flatMap(([kind, found]) =>
    found.length ? [kind] : [],
  );
  const proposesReasoning = brief.needsAnalysis && !plain.requiresReasoning;
  const isApplied = proposesReasoning && ctx.run.applyBriefAnalysis;
  const inputs: ClassifyTaskInput = {
    ...plain,
    contextRichness: named.length >= 2 ? RICHER[plain.contextRichness] : plain.contextRichness,
    requiresReasoning: plain.requiresReasoning || isApplied,
  };
  const explanation = explainTaskComplexity(inputs);
  return {
    inputs,
    explanation,
    isTierFromBrief: explanation.complexity !== without.complexity,
    brief: {
      named,
      needsAnalysis: brief.needsAnalysis,
      analysisCues: brief.analysisCues,
      proposesReasoning,
      isApplied,
      tierWithoutBrief: without.complexity,
      source: brief.source,
    },
  };
}
