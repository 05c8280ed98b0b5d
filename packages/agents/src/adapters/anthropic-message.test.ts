import { describe, expect, it } from "vitest";
import { type ApiUsage, toStopReason, usageFromApi } from "./anthropic-message";

describe("reading the API's usage", () => {
  it.each<[string, ApiUsage, object]>([
    [
      "writes split by TTL",
      {
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 },
      },
      { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 300, cacheWrite1hTokens: 100 },
    ],
    [
      "no breakdown: every write was a 5-minute one",
      { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 300, cache_creation: null },
      { cacheWriteTokens: 300, cacheWrite1hTokens: 0, cacheReadTokens: 0 },
    ],
    [
      "a breakdown without the total",
      {
        input_tokens: 1,
        output_tokens: 1,
        cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 30 },
      },
      { cacheWriteTokens: 50, cacheWrite1hTokens: 30 },
    ],
    [
      "a split that claims more than the total is capped at it",
      {
        input_tokens: 1,
        output_tokens: 1,
        cache_creation_input_tokens: 10,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 40 },
      },
      { cacheWriteTokens: 10, cacheWrite1hTokens: 10 },
    ],
  ])("reads %s", (_, usage, expected) => {
    expect(usageFromApi(usage)).toMatchObject(expected);
  });

  it.each([
    ["end_turn", "end_turn"],
    ["max_tokens", "max_tokens"],
    ["tool_use", "tool_use"],
    ["refusal", "refusal"],
    ["compaction", "other:compaction"],
    [null, "other:none"],
  ])("types the stop reason %s as %s", (reason, expected) => {
    expect(toStopReason(reason)).toBe(expected);
  });
});
