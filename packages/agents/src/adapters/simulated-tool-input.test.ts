import { describe, expect, it } from "vitest";
import { simulatedToolInput } from "./simulated-tool-input";

const JUDGE = {
  type: "object",
  properties: {
    score: { type: "integer", minimum: 1, maximum: 5 },
    confidence: { type: "number", minimum: 0, maximum: 1 },
    verdict: { type: "string", enum: ["approve", "revise", "reject"] },
    rationale: { type: "string", maxLength: 40 },
    isOnBrand: { type: "boolean" },
    issues: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 3 },
    rubric: { const: "blog-v2" },
  },
  required: ["score", "verdict"],
};

describe("simulated tool input", () => {
  it("fits the shape of a simple schema for every seed", () => {
    for (let seed = 0; seed < 500; seed++) {
      const input = simulatedToolInput(JUDGE, seed) as Record<string, unknown>;
      expect(Object.keys(input).sort()).toEqual(Object.keys(JUDGE.properties).sort());
      expect(Number.isInteger(input.score) && (input.score as number) >= 1 && (input.score as number) <= 5).toBe(true);
      expect(input.confidence).toBeGreaterThanOrEqual(0);
      expect(input.confidence).toBeLessThanOrEqual(1);
      expect(["approve", "revise", "reject"]).toContain(input.verdict);
      expect((input.rationale as string).length).toBeLessThanOrEqual(40);
      expect(typeof input.isOnBrand).toBe("boolean");
      expect((input.issues as string[]).length).toBeGreaterThanOrEqual(1);
      expect((input.issues as string[]).length).toBeLessThanOrEqual(3);
      expect(input.rubric).toBe("blog-v2");
    }
  });

  it("is deterministic for a seed and spreads over the range across seeds (noise, not judgment)", () => {
    expect(simulatedToolInput(JUDGE, 42)).toEqual(simulatedToolInput(JUDGE, 42));
    const scores = new Set(
      Array.from({ length: 200 }, (_, seed) => (simulatedToolInput(JUDGE, seed) as { score: number }).score),
    );
    expect([...scores].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    [{ type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 3 }, [1, 2]],
    [{ type: "integer", minimum: 7, maximum: 7 }, [7]],
  ])("honours the bounds of %o", (schema, allowed) => {
    for (let seed = 0; seed < 100; seed++) expect(allowed).toContain(simulatedToolInput(schema, seed));
  });

  it.each([
    [{ type: "string", minLength: 60 }, (v: unknown) => typeof v === "string" && v.length >= 60],
    [{ type: ["string", "null"] }, (v: unknown) => typeof v === "string"],
    [{}, (v: unknown) => v === null],
    ["not a schema", (v: unknown) => v === null],
  ])("answers %o with a value of its shape", (schema, fits) => {
    expect(fits(simulatedToolInput(schema, 7))).toBe(true);
  });
});
