import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "../../test/fake-anthropic/server";
import { createAnthropicAdapter } from "./anthropic-adapter";
import type { GenerateRequest, ToolDefinition } from "./types";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: "ok" });
});

const adapter = () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 2000 });

const SCORE_TOOL: ToolDefinition = {
  name: "record_score",
  description: "Record the rubric score.",
  inputSchema: {
    type: "object",
    properties: { score: { type: "integer", minimum: 1, maximum: 10 } },
    required: ["score"],
  },
};

const judge = (maxTokens = 512): GenerateRequest => ({
  model: "claude-haiku-4-5-20251001",
  maxTokens,
  system: [
    { text: "You grade drafts." },
    { text: "Rubric v2: clarity, accuracy, voice.", cacheBreakpoint: { ttl: "1h" } },
  ],
  messages: [{ role: "user", content: "Draft: A fine post." }],
  tools: [SCORE_TOOL],
  toolChoice: { type: "tool", name: "record_score" },
});

describe("tool calls through the real SDK", () => {
  it("sends tools, the forced choice and system blocks with cache_control, as the API names them", async () => {
    fake.enqueue({ kind: "tool", input: { score: 7 } });
    const result = await adapter().generate(judge());
    expect(result).toMatchObject({
      stopReason: "tool_use",
      toolUse: { name: "record_score", input: { score: 7 } },
      text: "",
    });
    expect(fake.requests[0]!.body).toMatchObject({
      tools: [{ name: "record_score", description: "Record the rubric score.", input_schema: SCORE_TOOL.inputSchema }],
      tool_choice: { type: "tool", name: "record_score" },
      system: [
        { type: "text", text: "You grade drafts." },
        { type: "text", text: "Rubric v2: clarity, accuracy, voice.", cache_control: { type: "ephemeral", ttl: "1h" } },
      ],
    });
  });

  it("answers a forced tool by default with input shaped by the tool's schema", async () => {
    const result = await adapter().generate(judge());
    const input = result.toolUse?.input as { score: number };
    expect(Number.isInteger(input.score) && input.score >= 1 && input.score <= 10).toBe(true);
  });

  it.each([
    ["a wrong type", { score: "high" }],
    ["a missing field", {}],
    ["a string that is not JSON", "{score: 7"],
    ["an array", [7]],
  ])("returns malformed input (%s) exactly as it came: validating it is the caller's job", async (_, input) => {
    fake.enqueue({ kind: "tool", input });
    expect((await adapter().generate(judge())).toolUse?.input).toEqual(input);
  });

  it("assembles a streamed tool call from its JSON deltas", async () => {
    const input = { score: 9, notes: "x".repeat(300) };
    fake.enqueue({ kind: "tool", input });
    const result = await adapter().generate(judge(8192));
    expect(fake.requests[0]!.body.stream).toBe(true);
    expect(result).toMatchObject({ stopReason: "tool_use", toolUse: { name: "record_score", input } });
  });
});

const write = (maxTokens: number, messages: GenerateRequest["messages"] = [{ role: "user", content: "Write." }]) => ({
  model: "claude-sonnet-4-6",
  maxTokens,
  system: "You write.",
  messages,
});

describe("max_tokens stops and prefills through the real SDK", () => {
  it.each([100, 8_192])(
    "stops at max_tokens when forced (budget %i), with the text cut to the budget",
    async (maxTokens) => {
      fake.enqueue({ kind: "max_tokens" });
      const result = await adapter().generate(write(maxTokens));
      expect(result.stopReason).toBe("max_tokens");
      expect(result.usage.outputTokens).toBe(maxTokens);
      expect(result.text.length).toBe(maxTokens * 4);
    },
  );

  it("never reports more output than the budget, even when a test's usage claims more", async () => {
    fake.enqueue({ kind: "ok", text: "y".repeat(1_000), usage: { output_tokens: 5_000 } });
    const result = await adapter().generate(write(50));
    expect(result).toMatchObject({ stopReason: "max_tokens", usage: { outputTokens: 50 } });
    expect(result.text).toBe("y".repeat(200));
  });

  it("continues after an assistant prefill until the answer is whole, counting the prefill as input", async () => {
    const whole = "A long answer, sentence after sentence, about roasting coffee at home. ".repeat(20);
    fake.setDefault({ kind: "ok", text: whole });
    let written = "";
    for (let round = 0; round < 20; round++) {
      const prefill = written.trimEnd();
      const messages = [
        { role: "user" as const, content: "Write." },
        ...(prefill ? [{ role: "assistant" as const, content: prefill }] : []),
      ];
      const result = await adapter().generate(write(64, messages));
      expect(result.usage.outputTokens).toBeLessThanOrEqual(64);
      expect(result.usage.inputTokens).toBe(3 + 2 + Math.ceil(prefill.length / 4));
      written = prefill + result.text;
      if (result.stopReason === "end_turn") break;
    }
    expect(written).toBe(whole);
    expect(fake.requests.at(-1)!.body.messages.at(-1)).toMatchObject({ role: "assistant" });
  });

  it("refuses a prefill that ends with whitespace with a 400, as the API does", async () => {
    const error = await adapter()
      .generate(
        write(64, [
          { role: "user", content: "Write." },
          { role: "assistant", content: "Start " },
        ]),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });
  });
});
