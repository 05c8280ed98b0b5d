import { describe, expect, it } from "vitest";
import { PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";
import { buildPrompt } from "./build-prompt";

const task = TaskInputSchema.parse({ role: "blog-writer", topic: "Cold brew at home", keywords: ["ratio"] });

describe("buildPrompt", () => {
  it("carries the brand, the task and the role's default length", () => {
    const brand = PromptSettingsSchema.parse({ voice: "warm", bannedPhrases: ["epic"] });
    const prompt = buildPrompt(task, brand);
    expect(prompt.system).toMatch(/blog post in Markdown/);
    expect(prompt.system).toMatch(/Never use: epic/);
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

  it("drops garbage prompt settings instead of failing the run", () => {
    expect(PromptSettingsSchema.parse({ voice: 42 })).toEqual({ bannedPhrases: [], requiredPhrases: [] });
  });
});
