import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "../../test/fake-anthropic/server";
import { createAnthropicAdapter } from "./anthropic-adapter";
import { ProviderError } from "./provider-error";
import type { GenerateRequest } from "./types";

const API_KEY = "sk-ant-test-secret-key-0123456789";
let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: "ok" });
});

const request = (maxTokens = 1024): GenerateRequest => ({
  model: "claude-haiku-4-5-20251001",
  maxTokens,
  system: "You write.",
  messages: [{ role: "user", content: "Write a caption." }],
});
const adapter = () => createAnthropicAdapter({ apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 1500 });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("the anthropic adapter, through the real SDK, against a local fake of the Messages API", () => {
  it("returns the text and the usage, cache tokens included, and authenticates with the key", async () => {
    const usage = { input_tokens: 321, output_tokens: 12, cache_read_input_tokens: 50, cache_creation_input_tokens: 7 };
    fake.enqueue({ kind: "ok", text: "Fresh roast Friday.", usage });
    const result = await adapter().generate(request());
    expect(result).toMatchObject({ text: "Fresh roast Friday.", isSimulated: false, stopReason: "end_turn" });
    // Without a cache_creation breakdown (older API versions), every write was a 5-minute one.
    expect(result.usage).toEqual({
      inputTokens: 321,
      outputTokens: 12,
      cacheReadTokens: 50,
      cacheWriteTokens: 7,
      cacheWrite1hTokens: 0,
    });
    expect(result.rateLimit?.requestsRemaining).toBe(49);
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key.
    const { authorization, "x-api-key": apiKey } = fake.requests[0]!.headers;
    expect(authorization === `Bearer ${API_KEY}` || apiKey === API_KEY).toBe(true);
    const body = fake.requests[0]!.body;
    expect(body).toMatchObject({ model: "claude-haiku-4-5-20251001", max_tokens: 1024, system: "You write." });
    expect(fake.requests[0]!.body.stream).toBeUndefined();
  });

  it("streams long generations and assembles the whole text and usage", async () => {
    const long = "Sentence after sentence of a long post. ".repeat(60);
    fake.enqueue({ kind: "ok", text: long, usage: { input_tokens: 900, output_tokens: 600 } });
    const result = await adapter().generate(request(16384));
    expect(fake.requests[0]!.body.stream).toBe(true);
    expect(result.text).toBe(long);
    expect(result.usage.outputTokens).toBe(600);
    expect(result.usage.inputTokens).toBe(900);
  });

  it.each([
    [{ kind: "error", status: 429, retryAfterSeconds: 2 } as const, "rate_limited", true, 2000],
    [{ kind: "error", status: 529 } as const, "overloaded", true, undefined],
    [{ kind: "error", status: 500 } as const, "server", true, undefined],
    [{ kind: "error", status: 400 } as const, "bad_request", false, undefined],
    [{ kind: "error", status: 401 } as const, "auth", false, undefined],
  ])("maps %o to %s (retryable: %s)", async (behaviour, kind, isRetryable, retryAfter) => {
    fake.enqueue(behaviour);
    const error = await failure(adapter().generate(request()));
    const { kind: actualKind, isRetryable: actualRetryable, retryAfterMs, status } = error;
    expect({ kind: actualKind, isRetryable: actualRetryable, retryAfterMs, status }).toEqual({
      kind,
      isRetryable,
      retryAfterMs: retryAfter,
      status: behaviour.status,
    });
    expect(error.message).not.toContain(API_KEY);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [{ kind: "slow", delayMs: 3000, then: { kind: "ok" } } as const, "timeout"],
    [{ kind: "reset" } as const, "connection"],
    [{ kind: "malformed" } as const, "malformed"],
  ])("maps %o to a retryable %s error", async (behaviour, kind) => {
    fake.enqueue(behaviour);
    const error = await failure(adapter().generate(request()));
    expect(error.kind).toBe(kind);
    expect(error.isRetryable).toBe(true);
  });

  it("treats a stream that stops half-way as a retryable failure, not a short success", async () => {
    fake.enqueue({ kind: "stream_cut", text: "x".repeat(500) });
    const error = await failure(adapter().generate(request(16384)));
    expect(error.isRetryable).toBe(true);
  });
});
