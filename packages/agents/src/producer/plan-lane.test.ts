import { describe, expect, it } from "vitest";
import { laneForRoute } from "../queues/queue-registry";
import { planLane } from "./plan-lane";
import { deliverByProblem, TaskInputSchema } from "../tasks/task-input";

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

describe("planLane: work that can wait goes to the batch lane", () => {
  const inTwoHours = () => new Date(Date.now() + 2 * 3600_000).toISOString();
  it.each([
    ["urgency batch", { role: "blog-writer", urgency: "batch" }, false, false, "batch"],
    ["a deliverBy", { role: "email-writer", deliverBy: inTwoHours() }, false, false, "batch"],
    ["the role's default", { role: "blog-writer" }, false, true, "batch"],
    ["urgency live over the role's default", { role: "blog-writer", urgency: "live" }, false, true, "standard"],
    ["a revision, whatever it asks", { role: "blog-writer", urgency: "batch" }, true, true, "standard"],
    ["a context file, whatever it asks", { role: "context-file-writer", urgency: "batch" }, false, true, "heavy"],
    ["no urgency and no default", { role: "strategy-writer" }, false, false, "heavy"],
  ] as const)("%s → %s", (_name, input, isRevision, isBatchByDefault, lane) => {
    expect(planLane(task(input), HAIKU, { isRevision, isBatchByDefault })).toBe(lane);
  });
});

describe("deliverByProblem", () => {
  const now = Date.parse("2026-12-02T10:00:00Z");
  it.each([
    ["2026-12-02T11:00:00Z", undefined],
    ["2026-12-02T11:30:00+01:00", "at least 1 hour ahead"],
    ["2026-12-02T10:59:59Z", "at least 1 hour ahead"],
    ["2026-11-30T10:00:00Z", "at least 1 hour ahead"],
    ["2027-01-01T10:00:00Z", undefined],
    ["2027-01-01T10:00:01Z", "at most 30 days ahead"],
    ["2126-01-01T00:00:00Z", "at most 30 days ahead"],
  ])("%s → %s", (deliverBy, problem) => {
    const found = deliverByProblem(deliverBy, now);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it("refuses a deliverBy that is not an ISO datetime with an offset", () => {
    expect(TaskInputSchema.safeParse({ role: "blog-writer", topic: "A topic", deliverBy: "tomorrow" }).success).toBe(
      false,
    );
    expect(TaskInputSchema.safeParse({ role: "blog-writer", topic: "A topic", urgency: "soon" }).success).toBe(false);
  });
});
