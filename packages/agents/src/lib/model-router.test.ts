import { describe, expect, it } from "vitest";
import {
  type ClassifyTaskInput,
  type RouteCandidate,
  type TaskComplexity,
  MODEL_SELECTION,
  TASK_COMPLEXITIES,
  classifyTaskComplexity,
  explainTaskComplexity,
  planRoute,
  selectModel,
} from "./model-router";
import { estimateCost } from "./model-catalog";
import { UnknownModelError, UnknownRoleError } from "./errors";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";

function task(overrides: Partial<ClassifyTaskInput>): ClassifyTaskInput {
  return {
    agentRole: "blog-writer",
    hasRevisionHistory: false,
    contextRichness: "medium",
    requiresReasoning: false,
    ...overrides,
  };
}

describe("classifyTaskComplexity", () => {
  it.each([
    ["social first draft", task({ agentRole: "social-post-writer" }), "simple", "social_first_draft"],
    [
      "social first draft even when long and reasoned",
      task({ agentRole: "social-post-writer", requiresReasoning: true, outputLengthTarget: 5000 }),
      "simple",
      "social_first_draft",
    ],
    ["social revision", task({ agentRole: "social-post-writer", hasRevisionHistory: true }), "standard", "default"],
    [
      "social revision, long and reasoned",
      task({
        agentRole: "social-post-writer",
        hasRevisionHistory: true,
        requiresReasoning: true,
        outputLengthTarget: 2000,
      }),
      "complex",
      "long_reasoning",
    ],
    ["email first draft", task({ agentRole: "email-writer" }), "simple", "email_first_draft"],
    ["email revision", task({ agentRole: "email-writer", hasRevisionHistory: true }), "standard", "default"],
    ["strategy", task({ agentRole: "strategy-writer" }), "expert", "strategy"],
    [
      "strategy beats long reasoning",
      task({ agentRole: "strategy-writer", requiresReasoning: true, outputLengthTarget: 4000 }),
      "expert",
      "strategy",
    ],
    ["strategy revision", task({ agentRole: "strategy-writer", hasRevisionHistory: true }), "expert", "strategy"],
    ["context file", task({ agentRole: "context-file-writer" }), "complex", "context_file"],
    [
      "context file with short target",
      task({ agentRole: "context-file-writer", outputLengthTarget: 100 }),
      "complex",
      "context_file",
    ],
    ["blog long reasoned", task({ requiresReasoning: true, outputLengthTarget: 1501 }), "complex", "long_reasoning"],
    ["blog at exactly 1500 words", task({ requiresReasoning: true, outputLengthTarget: 1500 }), "standard", "default"],
    ["blog long without reasoning", task({ outputLengthTarget: 3000 }), "standard", "default"],
    ["blog reasoning without target", task({ requiresReasoning: true }), "standard", "default"],
    ["blog short", task({ outputLengthTarget: 300, contextRichness: "high" }), "standard", "default"],
  ] as const)("%s → %s", (_name, input, complexity, rule) => {
    expect(classifyTaskComplexity(input)).toBe(complexity);
    expect(explainTaskComplexity(input).rule).toBe(rule);
  });

  it("marks social and email revisions as escalated by revision history, and nothing else", () => {
    expect(
      explainTaskComplexity(task({ agentRole: "email-writer", hasRevisionHistory: true })).isEscalatedByRevision,
    ).toBe(true);
    expect(
      explainTaskComplexity(task({ agentRole: "blog-writer", hasRevisionHistory: true })).isEscalatedByRevision,
    ).toBe(false);
    expect(explainTaskComplexity(task({ agentRole: "social-post-writer" })).isEscalatedByRevision).toBe(false);
  });

  it("rejects an unknown role with a typed error", () => {
    expect(() => classifyTaskComplexity(task({ agentRole: "poet" as never }))).toThrow(UnknownRoleError);
  });
});

const alwaysAfford = () => Promise.resolve(true);

describe("selectModel: every tier × floor", () => {
  const expected: Record<string, Record<TaskComplexity, string>> = {
    [HAIKU]: { trivial: HAIKU, simple: HAIKU, standard: SONNET, complex: SONNET, expert: OPUS },
    [SONNET]: { trivial: SONNET, simple: SONNET, standard: SONNET, complex: SONNET, expert: OPUS },
    [OPUS]: { trivial: OPUS, simple: OPUS, standard: OPUS, complex: OPUS, expert: OPUS },
  };
  const cases = Object.entries(expected).flatMap(([floor, byTier]) =>
    TASK_COMPLEXITIES.map((tier) => [floor, tier, byTier[tier]] as const),
  );

  it.each(cases)("floor %s, tier %s → %s", async (floor, tier, model) => {
    const decision = await selectModel(
      "blog-writer",
      tier,
      "t1",
      { model: floor },
      { reserve: alwaysAfford, estimatedInputTokens: 1000 },
    );
    expect(decision.outcome).toBe("routed");
    if (decision.outcome !== "routed") return;
    expect(decision.model).toBe(model);
    expect(decision.maxTokens).toBe(MODEL_SELECTION[tier].maxTokens);
    const isFloorApplied = model === floor && model !== MODEL_SELECTION[tier].model;
    expect(decision.reason).toBe(isFloorApplied ? `floor:${floor}` : `complexity:${tier}`);
    expect(decision.estimatedCostMicros).toBe(estimateCost(model, 1000, decision.maxTokens));
  });
});

describe("selectModel: credits", () => {
  function budget(maxMicros: number) {
    const seen: RouteCandidate[] = [];
    const reserve = (c: RouteCandidate & { amountMicros: number }) => {
      seen.push(c);
      return Promise.resolve(c.amountMicros <= maxMicros);
    };
    return { seen, reserve };
  }
  const opusCost = estimateCost(OPUS, 2000, 32768);
  const sonnetComplexCost = estimateCost(SONNET, 2000, 16384);

  it("runs Opus when the tenant can afford it", async () => {
    const { reserve } = budget(opusCost);
    const d = await selectModel(
      "strategy-writer",
      "expert",
      "t1",
      { model: HAIKU },
      { reserve, estimatedInputTokens: 2000 },
    );
    expect(d).toMatchObject({
      outcome: "routed",
      model: OPUS,
      reason: "complexity:expert",
      estimatedCostMicros: opusCost,
    });
  });

  it("drops Opus to the complex tier's Sonnet with credit_limit", async () => {
    const { reserve, seen } = budget(opusCost - 1);
    const d = await selectModel(
      "strategy-writer",
      "expert",
      "t1",
      { model: HAIKU },
      { reserve, estimatedInputTokens: 2000 },
    );
    expect(d).toMatchObject({
      outcome: "routed",
      model: SONNET,
      maxTokens: 16384,
      reason: "credit_limit",
      estimatedCostMicros: sonnetComplexCost,
    });
    expect(seen.map((c) => c.model)).toEqual([OPUS, SONNET]);
  });

  it("never drops below an Opus floor: refuses instead", async () => {
    const { reserve, seen } = budget(estimateCost(OPUS, 2000, 8192) - 1);
    const d = await selectModel(
      "blog-writer",
      "standard",
      "t1",
      { model: OPUS },
      { reserve, estimatedInputTokens: 2000 },
    );
    expect(d.outcome).toBe("refused");
    expect(seen.map((c) => c.model)).toEqual([OPUS]);
  });

  it("refuses with credit_limit and a clear message when even the fallback is unaffordable", async () => {
    const { reserve } = budget(sonnetComplexCost - 1);
    const d = await selectModel(
      "strategy-writer",
      "expert",
      "tenant-x",
      { model: SONNET },
      { reserve, estimatedInputTokens: 2000 },
    );
    expect(d).toMatchObject({
      outcome: "refused",
      reason: "credit_limit",
      requiredMicros: sonnetComplexCost,
      tried: [OPUS, SONNET],
    });
    if (d.outcome === "refused") expect(d.message).toMatch(/cannot afford claude-sonnet-4-6.*nothing was charged/);
  });

  it("does not downgrade a Sonnet-tier task to Haiku when Sonnet is unaffordable", async () => {
    const { reserve, seen } = budget(1);
    const d = await selectModel(
      "blog-writer",
      "standard",
      "t1",
      { model: HAIKU },
      { reserve, estimatedInputTokens: 500 },
    );
    expect(d.outcome).toBe("refused");
    expect(seen.map((c) => c.model)).toEqual([SONNET]);
  });
});

describe("planRoute", () => {
  it("applies a tenant override per role and tier", () => {
    const [primary] = planRoute("blog-writer", "standard", HAIKU, { "blog-writer": { standard: OPUS } });
    expect(primary).toEqual({ model: OPUS, maxTokens: 8192, reason: "tenant_override" });
  });

  it("still enforces the floor over an override", () => {
    const [primary] = planRoute("social-post-writer", "simple", SONNET, { "social-post-writer": { simple: HAIKU } });
    expect(primary).toEqual({ model: SONNET, maxTokens: 2048, reason: `floor:${SONNET}` });
  });

  it("says revision_history when a revision escalated the tier", () => {
    const [primary] = planRoute("social-post-writer", "standard", HAIKU, undefined, true);
    expect(primary.reason).toBe("revision_history");
  });

  it.each([
    ["an unknown floor", "gpt-4", undefined],
    ["a retired floor", "claude-3-5-haiku-20241022", undefined],
    ["an unknown override", HAIKU, { "blog-writer": { standard: "nope" } }],
  ] as const)("rejects %s with a typed error", (_name, floor, overrides) => {
    expect(() => planRoute("blog-writer", "standard", floor, overrides)).toThrow(UnknownModelError);
  });
});
