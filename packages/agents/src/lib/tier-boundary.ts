import { z } from "zod";
import type { ClassifyTaskInput, ComplexityExplanation, TaskComplexity } from "./model-router";

/** "heuristic": the spec's rules route alone. "hybrid": a small model decides the tasks near a tier boundary. */
export const ROUTER_MODES = ["heuristic", "hybrid"] as const;
export const RouterModeSchema = z.enum(ROUTER_MODES);
export type RouterMode = z.infer<typeof RouterModeSchema>;

/** Blog targets in this band (words, both ends included) are a close call between standard and complex. */
export const LENGTH_BAND = { min: 1200, max: 1800 } as const;

/** Which close call a task is; recorded with the decision. */
export type BoundaryRule = "revised_short_form" | "analysis_without_reasoning" | "length_band";

export interface TierBoundary {
  rule: BoundaryRule;
  /** The two tiers the classifier may choose between, lower first; the heuristic's tier is one of them. */
  tiers: [TaskComplexity, TaskComplexity];
}

/** What the brief proposed and whether the tenant's policy applied it (worker/brief-routing.ts). */
export interface BriefProposal {
  proposesReasoning: boolean;
  isApplied: boolean;
}

/**
 * Whether the heuristic's decision is a close call, and between which two tiers; undefined when the rules
 * decide plainly. First match wins:
 * - `revised_short_form`: a social post or email with revision history. The rules lift it from simple to
 *   standard on the revision alone, whatever the feedback asked: simple or standard.
 * - `analysis_without_reasoning`: the brief asks for analysis but the role's policy did not turn
 *   requiresReasoning on (apply_brief_analysis off): standard or complex.
 * - `length_band`: a target of 1,200–1,800 words on a task the rules put at standard or complex, where the
 *   long_reasoning rule's 1,500-word line falls: standard or complex.
 * Strategies (expert), context files (complex) and first drafts of short forms (simple) are rules of their
 * role, not close calls, and are never sent to the classifier.
 */
export function findTierBoundary(
  inputs: ClassifyTaskInput,
  explanation: ComplexityExplanation,
  brief?: BriefProposal,
): TierBoundary | undefined {
  const { rule, complexity } = explanation;
  if (explanation.isEscalatedByRevision && complexity === "standard") {
    return { rule: "revised_short_form", tiers: ["simple", "standard"] };
  }
  if (rule !== "default" && rule !== "long_reasoning") return undefined;
  if (brief?.proposesReasoning && !brief.isApplied && complexity === "standard") {
    return { rule: "analysis_without_reasoning", tiers: ["standard", "complex"] };
  }
  const target = inputs.outputLengthTarget;
  if (target !== undefined && target >= LENGTH_BAND.min && target <= LENGTH_BAND.max) {
    return { rule: "length_band", tiers: ["standard", "complex"] };
  }
  return undefined;
}
