import { describe, expect, it } from "vitest";
import { type ClassifyTaskInput, explainTaskComplexity } from "./model-router";
import { type BriefProposal, findTierBoundary } from "./tier-boundary";

function task(overrides: Partial<ClassifyTaskInput>): ClassifyTaskInput {
  return {
    agentRole: "blog-writer",
    hasRevisionHistory: false,
    contextRichness: "medium",
    requiresReasoning: false,
    ...overrides,
  };
}

const boundaryOf = (input: ClassifyTaskInput, brief?: BriefProposal) =>
  findTierBoundary(input, explainTaskComplexity(input), brief);

describe("findTierBoundary: the close calls the hybrid router sends to its classifier", () => {
  it.each([
    ["a 1,200-word blog (band's low end)", task({ outputLengthTarget: 1200 }), "length_band", ["standard", "complex"]],
    ["a 1,800-word blog (band's high end)", task({ outputLengthTarget: 1800 }), "length_band", ["standard", "complex"]],
    [
      "a reasoned 1,600-word blog (complex by long_reasoning, just past 1,500)",
      task({ outputLengthTarget: 1600, requiresReasoning: true }),
      "length_band",
      ["standard", "complex"],
    ],
    [
      "a revised email (lifted to standard by its revision)",
      task({ agentRole: "email-writer", hasRevisionHistory: true }),
      "revised_short_form",
      ["simple", "standard"],
    ],
    [
      "a revised social post",
      task({ agentRole: "social-post-writer", hasRevisionHistory: true, outputLengthTarget: 60 }),
      "revised_short_form",
      ["simple", "standard"],
    ],
  ])("%s", (_name, input, rule, tiers) => {
    expect(boundaryOf(input)).toEqual({ rule, tiers });
  });

  it("a brief that asks for analysis while the reasoning flag stays unset is a close call", () => {
    const input = task({ outputLengthTarget: 700 });
    expect(boundaryOf(input, { proposesReasoning: true, isApplied: false })).toEqual({
      rule: "analysis_without_reasoning",
      tiers: ["standard", "complex"],
    });
    // Applied, the flag is set and the rules decide (here: still standard, 700 words is not long).
    expect(
      boundaryOf(task({ outputLengthTarget: 700, requiresReasoning: true }), {
        proposesReasoning: true,
        isApplied: true,
      }),
    ).toBeUndefined();
  });

  it.each([
    ["a 900-word blog", task({ outputLengthTarget: 900 })],
    ["a 1,199-word blog", task({ outputLengthTarget: 1199 })],
    ["a 1,801-word blog", task({ outputLengthTarget: 1801 })],
    ["a 3,000-word reasoned blog", task({ outputLengthTarget: 3000, requiresReasoning: true })],
    ["a blog with no target", task({})],
    ["a first-draft email", task({ agentRole: "email-writer", outputLengthTarget: 1500 })],
    ["a first-draft social post", task({ agentRole: "social-post-writer" })],
    ["a strategy of 1,500 words", task({ agentRole: "strategy-writer", outputLengthTarget: 1500 })],
    ["a context file of 1,500 words", task({ agentRole: "context-file-writer", outputLengthTarget: 1500 })],
    [
      "a revised email asking for long reasoning (complex by rule)",
      task({ agentRole: "email-writer", hasRevisionHistory: true, requiresReasoning: true, outputLengthTarget: 2000 }),
    ],
  ])("the heuristic decides alone: %s", (_name, input) => {
    expect(boundaryOf(input)).toBeUndefined();
  });
});
