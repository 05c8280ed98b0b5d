import { describe, expect, it } from "vitest";
import { PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";
import { buildPrompt, MAX_EXAMPLES, systemText } from "./build-prompt";

const task = TaskInputSchema.parse({ role: "blog-writer", topic: "Cold brew at home", keywords: ["ratio"] });

describe("buildPrompt", () => {
  it("carries the brand, the task and the role's default length", () => {
    const brand = PromptSettingsSchema.parse({ voice: "warm", bannedPhrases: ["epic"] });
    const prompt = buildPrompt(task, brand);
    expect(prompt.prefix.instructions).toMatch(/blog post in Markdown/);
    expect(prompt.prefix.brand).toMatch(/Never use: epic/);
    expect(prompt.user).toMatch(/Topic: Cold brew at home/);
    expect(prompt.user).toMatch(/about 900 words/);
    expect(prompt.targetWords).toBe(900);
    expect(prompt.contextRichness).toBe("medium");
  });

  it("includes the rejected draft and the feedback on a revision", () => {
    const prompt = buildPrompt(task, PromptSettingsSchema.parse({}), {
      previousDraft: "old text",
      feedback: "more numbers",
      score: 2,
    });
    expect(prompt.user).toMatch(/rejected \(score 2\/5\) with this feedback:\nmore numbers/);
    expect(prompt.user).toMatch(/old text/);
    expect(prompt.contextRichness).toBe("low");
  });

  it("rates a long context file as high richness", () => {
    const prompt = buildPrompt(task, PromptSettingsSchema.parse({ contextFile: "x".repeat(600) }));
    expect(prompt.contextRichness).toBe("high");
  });

  it("keeps the prefix the same for every job of a tenant and role, whatever the job asks", () => {
    const brand = PromptSettingsSchema.parse({ voice: "warm", contextFile: "We roast coffee." });
    const examples = [{ title: "Old post", body: "Approved words." }];
    const a = buildPrompt(task, brand, undefined, examples);
    const b = buildPrompt(
      TaskInputSchema.parse({ role: "blog-writer", topic: "Other", audience: "baristas", tone: "dry", brief: "x" }),
      brand,
      { previousDraft: "d", feedback: "f" },
      examples,
    );
    expect(systemText(b.prefix)).toBe(systemText(a.prefix));
    expect(b.user).toMatch(/Audience for this piece: baristas/);
    expect(b.user).toMatch(/Tone for this piece: dry/);
    expect(b.prefix.brand).not.toMatch(/baristas/);
  });

  it("shows at most three approved examples, oldest first, and cuts a long one", () => {
    const examples = Array.from({ length: 5 }, (_, i) => ({
      title: `T${i}`,
      body: `body ${i} `.repeat(i === 0 ? 900 : 1),
    }));
    const prompt = buildPrompt(task, PromptSettingsSchema.parse({}), undefined, examples);
    expect(prompt.prefix.exampleCount).toBe(MAX_EXAMPLES);
    expect(prompt.prefix.examples).toMatch(/Example 1: T0[\s\S]*Example 3: T2/);
    expect(prompt.prefix.examples).not.toMatch(/T3/);
    expect(prompt.prefix.examples).toMatch(/cut for length/);
    expect(buildPrompt(task, PromptSettingsSchema.parse({})).prefix.examples).toBe("");
  });

  it("drops garbage prompt settings instead of failing the run", () => {
    expect(PromptSettingsSchema.parse({ voice: 42 })).toEqual({ bannedPhrases: [], requiredPhrases: [], products: [] });
  });
});
