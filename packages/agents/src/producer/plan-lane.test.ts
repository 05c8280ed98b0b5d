import { describe, expect, it } from "vitest";
import { laneForRoute } from "../queues/queue-registry";
import { planLane } from "./plan-lane";
import { TaskInputSchema } from "../tasks/task-input";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";
const task = (input: object) => TaskInputSchema.parse({ topic: "A topic", ...input });

describe("laneForRoute", () => {
  it.each([
    [HAIKU, "simple", "fast"],
    [HAIKU, "trivial", "fast"],
    [SONNET, "simple", "standard"],
    [SONNET, "standard", "standard"],
    [SONNET, "complex", "heavy"],
    [HAIKU, "complex", "heavy"],
    [OPUS, "standard", "heavy"],
    [OPUS, "expert", "heavy"],
  ] as const)("%s on a %s task waits in the %s lane", (model, complexity, lane) => {
    expect(laneForRoute(model, complexity)).toBe(lane);
  });
});

describe("planLane", () => {
  it.each([
    ["a caption", { role: "social-post-writer" }, HAIKU, false, "fast"],
    ["an email", { role: "email-writer" }, HAIKU, false, "fast"],
    ["a caption with a Sonnet floor", { role: "social-post-writer" }, SONNET, false, "standard"],
    ["a caption's revision (escalated to Sonnet)", { role: "social-post-writer" }, HAIKU, true, "standard"],
    ["a blog post", { role: "blog-writer" }, HAIKU, false, "standard"],
    [
      "a long reasoning blog post",
      { role: "blog-writer", outputLengthTarget: 3000, requiresReasoning: true },
      HAIKU,
      false,
      "heavy",
    ],
    ["a strategy (Opus)", { role: "strategy-writer" }, HAIKU, false, "heavy"],
    ["a context file", { role: "context-file-writer" }, HAIKU, false, "heavy"],
    ["a caption with an Opus floor", { role: "social-post-writer" }, OPUS, false, "heavy"],
    ["a floor the catalog does not know", { role: "blog-writer" }, "claude-3-5-haiku-20241022", false, "fast"],
  ] as const)("%s → %s", (_name, input, floor, isRevision, lane) => {
    expect(planLane(task(input), floor, { isRevision })).toBe(lane);
  });

  it("follows a tenant's override of a tier", () => {
    const overrides = { "social-post-writer": { simple: OPUS } };
    expect(planLane(task({ role: "social-post-writer" }), HAIKU, { overrides, isRevision: false })).toBe("heavy");
  });
});
