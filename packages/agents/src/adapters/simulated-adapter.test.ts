import { describe, expect, it } from "vitest";
import { countWords } from "../quality/score-content";
import { ProviderError } from "./provider-error";
import { createSimulatedAdapter } from "./simulated-adapter";
import type { GenerateRequest } from "./types";

const request = (targetWords: number, model = "claude-sonnet-4-6"): GenerateRequest => ({
  model,
  maxTokens: 16384,
  targetWords,
  system: "You are a senior content writer. Write a blog post in Markdown.",
  messages: [{ role: "user", content: "Topic: Cold brew concentrate at home\nLength: about words." }],
});

describe("the simulated provider", () => {
  it("is deterministic for equal requests", async () => {
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    expect(await adapter.generate(request(600))).toEqual(await adapter.generate(request(600)));
  });

  it.each([150, 600, 1500, 3000])(
    "writes near %i words on Sonnet, with usage computed from the text",
    async (target) => {
      const result = await createSimulatedAdapter({ latencyMs: [0, 0] }).generate(request(target));
      const words = countWords(result.text);
      expect(words).toBeGreaterThan(target * 0.85);
      expect(words).toBeLessThan(target * 1.15);
      expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
      expect(result.text).toMatch(/^# Cold Brew Concentrate At Home/);
      expect(result.text.match(/^## /gm)!.length).toBeGreaterThanOrEqual(3);
      expect(result.isSimulated).toBe(true);
    },
  );

  it("fails every call at failure rate 1 and none at 0", async () => {
    const failing = createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 1 });
    await expect(failing.generate(request(100))).rejects.toMatchObject({ kind: "overloaded", status: 529 });
    await expect(failing.generate(request(100))).rejects.toBeInstanceOf(ProviderError);
    const healthy = createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 });
    for (let i = 0; i < 20; i++) await expect(healthy.generate(request(100 + i))).resolves.toBeTruthy();
  });

  it("waits within the configured latency", async () => {
    const waits: number[] = [];
    const adapter = createSimulatedAdapter({
      latencyMs: [100, 300],
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 10; i++) await adapter.generate(request(100 + i));
    expect(waits).toHaveLength(10);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300);
  });
});
