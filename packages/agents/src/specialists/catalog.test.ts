import { describe, expect, it } from "vitest";
import { DEFAULT_SIE_MODELS, findSpecialist, SPECIALIST_CATALOG } from "./catalog";
import { createLocalProvider } from "./local-provider";

describe("the specialist catalog", () => {
  it("has one entry per provider, task and model", () => {
    const keys = SPECIALIST_CATALOG.map((s) => `${s.provider}|${s.task}|${s.model}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(SPECIALIST_CATALOG)("$model ($provider $task) is described, costed and sized", (spec) => {
    expect(spec.purpose.length).toBeGreaterThan(20);
    expect(Number.isInteger(spec.costMicrosPerCall) && spec.costMicrosPerCall >= 0).toBe(true);
    expect(spec.task === "encode").toBe(spec.dimensions !== undefined);
  });

  it.each(Object.entries(DEFAULT_SIE_MODELS))("the default %s model %s is an SIE entry for it", (task, model) => {
    expect(findSpecialist("sie", task as keyof typeof DEFAULT_SIE_MODELS, model)).toBeDefined();
  });

  it("lists the models the offline provider reports", async () => {
    const local = createLocalProvider();
    const models = [
      ["encode", (await local.similarity("a", ["a"])).source.model],
      ["score", (await local.rank("a", ["a"])).source.model],
      ["extract", (await local.extract("a")).source.model],
    ] as const;
    for (const [task, model] of models) expect(findSpecialist("local", task, model)).toBeDefined();
  });
});
