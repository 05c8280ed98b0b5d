import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { approxTokens } from "./prompt-segments";
import { createSimulatedAdapter } from "./simulated-adapter";
import type { GenerateRequest } from "./types";

const MODELS = ["claude-haiku-4-5-20251001", "claude-sonnet-4-6", "claude-opus-4-7"] as const;

const request = (
  model: string,
  maxTokens: number,
  targetWords?: number,
  topic = "Cold brew at home",
): GenerateRequest => ({
  model,
  maxTokens,
  targetWords,
  system: "You are a senior content writer. Write a blog post in Markdown.",
  messages: [{ role: "user", content: `Topic: ${topic}\nLength: about ${targetWords ?? "some"} words.` }],
});

/** Asks again with what was written as a prefill (trailing space trimmed, as the API requires) until the turn ends. */
async function writeToTheEnd(first: GenerateRequest, rounds = 50) {
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
  let written = "";
  for (let round = 0; round < rounds; round++) {
    const prefill = written.trimEnd();
    const messages = prefill ? [...first.messages, { role: "assistant" as const, content: prefill }] : first.messages;
    const result = await adapter.generate({ ...first, messages });
    expect(result.usage.outputTokens).toBeLessThanOrEqual(first.maxTokens);
    expect(result.usage.outputTokens).toBe(Math.min(first.maxTokens, Math.max(1, approxTokens(result.text))));
    written = prefill + result.text;
    if (result.stopReason === "end_turn") return { written, rounds: round + 1 };
    expect(result.stopReason).toBe("max_tokens");
  }
  throw new Error(`still writing after ${rounds} rounds`);
}

describe("the simulated provider's token budget", () => {
  it("never reports more output tokens than max_tokens, and says max_tokens exactly when it cut the text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODELS),
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
        fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }),
        async (model, maxTokens, targetWords, topic) => {
          const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
          const result = await adapter.generate(request(model, maxTokens, targetWords, topic));
          expect(result.usage.outputTokens).toBeLessThanOrEqual(maxTokens);
          expect(approxTokens(result.text)).toBeLessThanOrEqual(maxTokens);
          // A cut text fills the budget to the token; a finished one may not.
          if (result.stopReason === "max_tokens") expect(approxTokens(result.text)).toBe(maxTokens);
          else expect(result.stopReason).toBe("end_turn");
          expect(result.text).not.toMatch(/[\ud800-\udbff]$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Without the cut, each of these would have reported more output tokens than its budget.
  it.each([
    ["claude-sonnet-4-6", 1, 50],
    ["claude-sonnet-4-6", 64, 400],
    ["claude-opus-4-7", 1_000, 3_000],
  ])(
    "stops %s at a %i-token budget when asked for %i words, cutting the text to the budget",
    async (model, maxTokens, words) => {
      const result = await createSimulatedAdapter({ latencyMs: [0, 0] }).generate(request(model, maxTokens, words));
      expect(result.stopReason).toBe("max_tokens");
      expect(result.text.length).toBe(maxTokens * 4);
      expect(result.usage.outputTokens).toBe(maxTokens);
    },
  );

  it("writes nothing at a zero budget (a cache warm-up call) and says so", async () => {
    const result = await createSimulatedAdapter({ latencyMs: [0, 0] }).generate(
      request("claude-haiku-4-5-20251001", 0, 100),
    );
    expect(result).toMatchObject({ text: "", stopReason: "max_tokens", usage: { outputTokens: 0 } });
  });

  it.each([
    [64, 900],
    [1, 20],
  ])("always finishes a %i-token continuation of %i words, one budget at a time", async (maxTokens, words) => {
    const { written, rounds } = await writeToTheEnd(request("claude-haiku-4-5-20251001", maxTokens, words), 200);
    expect(rounds).toBeGreaterThan(1);
    expect(written.length).toBeGreaterThan(0);
  });

  it("continues the same prose after a prefill and counts only the new tokens", async () => {
    // 190 words fit the length a 256-token budget allows the model to aim for, but not the budget itself.
    const whole = await createSimulatedAdapter({ latencyMs: [0, 0] }).generate(request("claude-opus-4-7", 16_384, 190));
    expect(whole.stopReason).toBe("end_turn");
    const pieces = await writeToTheEnd(request("claude-opus-4-7", 256, 190));
    expect(pieces.rounds).toBeGreaterThanOrEqual(2);
    // Trimming the prefill's trailing space loses nothing: the continuation starts with it.
    expect(pieces.written).toBe(whole.text);
  });

  it("counts a prefill as input, not output", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const first = request("claude-sonnet-4-6", 100, 400);
    const start = await adapter.generate(first);
    const prefill = start.text.trimEnd();
    const next = await adapter.generate({
      ...first,
      messages: [...first.messages, { role: "assistant", content: prefill }],
    });
    expect(next.usage.inputTokens).toBe(start.usage.inputTokens + approxTokens(prefill));
    expect(next.usage.outputTokens).toBe(Math.max(1, approxTokens(next.text)));
  });

  it("answers a prefill it would not have written with its whole answer after it", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const plain = await adapter.generate(request("claude-sonnet-4-6", 4_000, 120));
    const messages = [
      ...request("claude-sonnet-4-6", 4_000, 120).messages,
      { role: "assistant" as const, content: "Here it is:" },
    ];
    const result = await adapter.generate({ ...request("claude-sonnet-4-6", 4_000, 120), messages });
    expect(result.text).toBe(` ${plain.text}`);
  });

  it("refuses a prefill that ends with whitespace, as the API does", async () => {
    const messages = [...request("claude-sonnet-4-6", 100).messages, { role: "assistant" as const, content: "Start " }];
    await expect(
      createSimulatedAdapter({ latencyMs: [0, 0] }).generate({ ...request("claude-sonnet-4-6", 100), messages }),
    ).rejects.toMatchObject({ kind: "bad_request", status: 400 });
  });
});
