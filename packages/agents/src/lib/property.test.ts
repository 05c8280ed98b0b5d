import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_ROLES } from "./agent-roles";
import { ACTIVE_MODEL_IDS, getModel } from "./model-catalog";
import { classifyTaskComplexity, selectModel } from "./model-router";

describe("routing properties", () => {
  it("never routes below the floor and never reserves more than the balance", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          agentRole: fc.constantFrom(...AGENT_ROLES),
          outputLengthTarget: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
          hasRevisionHistory: fc.boolean(),
          contextRichness: fc.constantFrom("low", "medium", "high"),
          requiresReasoning: fc.boolean(),
        }),
        fc.constantFrom(...ACTIVE_MODEL_IDS),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        async (input, floor, balance, estimatedInputTokens) => {
          let held = 0;
          const reserve = ({ amountMicros }: { amountMicros: number }) => {
            if (amountMicros > balance - held) return Promise.resolve(false);
            held += amountMicros;
            return Promise.resolve(true);
          };
          const complexity = classifyTaskComplexity(input);
          const d = await selectModel(
            input.agentRole,
            complexity,
            "t",
            { model: floor },
            { reserve, estimatedInputTokens },
          );
          expect(held).toBeLessThanOrEqual(balance);
          if (d.outcome === "routed") {
            expect(getModel(d.model).capabilityRank).toBeGreaterThanOrEqual(getModel(floor).capabilityRank);
            expect(held).toBe(d.estimatedCostMicros);
          } else {
            expect(held).toBe(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
