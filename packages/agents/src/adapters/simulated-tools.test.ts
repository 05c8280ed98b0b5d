import { describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "./simulated-adapter";
import type { GenerateRequest, ToolDefinition } from "./types";

const JUDGE_TOOL: ToolDefinition = {
  name: "record_score",
  description: "Record the rubric score of a draft.",
  inputSchema: {
    type: "object",
    properties: { score: { type: "integer", minimum: 1, maximum: 10 }, rationale: { type: "string", maxLength: 80 } },
    required: ["score", "rationale"],
  },
};

const judge = (draft: string, maxTokens = 300): GenerateRequest => ({
  model: "claude-haiku-4-5-20251001",
  maxTokens,
  system: "You grade drafts against the rubric.",
  messages: [{ role: "user", content: `Draft:\n${draft}` }],
  tools: [JUDGE_TOOL, { name: "other_tool", inputSchema: { type: "object" } }],
  toolChoice: { type: "tool", name: "record_score" },
});

describe("forced tool calls on the simulated provider", () => {
  it("answers with a tool_use that fits the schema, deterministic per prompt", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const result = await adapter.generate(judge("A fine post about coffee."));
    expect(result).toMatchObject({ text: "", stopReason: "tool_use", toolUse: { name: "record_score" } });
    const input = result.toolUse!.input as { score: number; rationale: string };
    expect(Number.isInteger(input.score) && input.score >= 1 && input.score <= 10).toBe(true);
    expect(input.rationale.length).toBeLessThanOrEqual(80);
    expect(result.usage.outputTokens).toBe(Math.ceil(JSON.stringify(input).length / 4));
    expect(await adapter.generate(judge("A fine post about coffee."))).toEqual(result);
  });

  it("scores by the prompt's hash, not by quality: good and bad drafts draw from the same noise", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const scores = await Promise.all(
      [
        "Excellent, precise, well-sourced.",
        "bad bad bad",
        "Lorem ipsum [TODO]",
        "A fine post.",
        "x",
        "Another draft",
      ].map(async (draft) => ((await adapter.generate(judge(draft))).toolUse!.input as { score: number }).score),
    );
    expect(new Set(scores).size).toBeGreaterThan(1);
  });

  it("uses the first tool when any tool is forced, and writes prose when the choice is left to it", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const any = await adapter.generate({ ...judge("draft"), toolChoice: { type: "any" } });
    expect(any.toolUse?.name).toBe("record_score");
    const auto = await adapter.generate({ ...judge("draft"), toolChoice: { type: "auto" } });
    expect(auto.toolUse).toBeUndefined();
    expect(auto.stopReason).not.toBe("tool_use");
  });

  it("stops at max_tokens without a tool_use when the input would not fit", async () => {
    const result = await createSimulatedAdapter({ latencyMs: [0, 0] }).generate(judge("draft", 3));
    expect(result).toMatchObject({ stopReason: "max_tokens", usage: { outputTokens: 3 } });
    expect(result.toolUse).toBeUndefined();
  });

  it("refuses a forced tool that is not offered, as the API does", async () => {
    const request = { ...judge("draft"), toolChoice: { type: "tool" as const, name: "missing" } };
    await expect(createSimulatedAdapter({ latencyMs: [0, 0] }).generate(request)).rejects.toMatchObject({
      kind: "bad_request",
    });
  });
});
