import { describe, expect, it } from "vitest";
import { TaskInputSchema } from "../tasks/task-input";
import { isStorableText } from "./text";

describe("storable text", () => {
  it.each([
    ["plain", "Hello", true],
    ["emoji and RTL", "👩‍👩‍👧 \u202e abc", true],
    ["a NUL character", "a\u0000b", false],
    ["a lone high surrogate", "a\ud800b", false],
    ["a lone low surrogate", "\udc00", false],
  ])("%s → %s", (_name, value, expected) => {
    expect(isStorableText(value)).toBe(expected);
  });

  it("makes a task with unstorable text a validation error naming the field", () => {
    const result = TaskInputSchema.safeParse({
      role: "blog-writer",
      topic: "Fine topic",
      keywords: ["ok", "bad\u0000"],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["keywords", 1]);
    expect(result.error?.issues[0]?.message).toMatch(/NUL/);
  });
});
