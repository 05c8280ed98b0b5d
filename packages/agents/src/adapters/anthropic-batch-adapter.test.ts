import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "../../test/fake-anthropic/server";
import { costOfUsage } from "../lib/model-catalog";
import { createAnthropicBatchAdapter } from "./anthropic-batch-adapter";
import { type BatchAdapter, BatchNotEndedError, type BatchRequest, type BatchResult } from "./batch-types";
import { cachedRequest, prefixOf } from "./prompt-cache.contract";
import { ProviderError } from "./provider-error";
import type { GenerateRequest } from "./types";

let fake: FakeAnthropic;
let now = 1_700_000_000_000;
beforeAll(async () => {
  fake = await startFakeAnthropic({ now: () => now });
});
afterAll(() => fake.close());
beforeEach(() => fake.batches.reset());

const batches = (): BatchAdapter =>
  createAnthropicBatchAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 2000 });

const ask = (content: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: "claude-haiku-4-5-20251001",
  maxTokens: 256,
  system: "You write captions.",
  messages: [{ role: "user", content }],
  ...extra,
});

async function collect(results: AsyncIterable<BatchResult>): Promise<Map<string, BatchResult["result"]>> {
  const byId = new Map<string, BatchResult["result"]>();
  for await (const { customId, result } of results) byId.set(customId, result);
  return byId;
}

describe("Message Batches through the real SDK, against the fake API", () => {
  it("creates a batch in progress, ends it when released, and streams one JSONL result per request", async () => {
    fake.batches.hold();
    const requests: BatchRequest[] = [
      { customId: "caption-1", request: ask("A caption for our Ethiopia roast.") },
      { customId: "caption-2", request: ask("A caption for our decaf.") },
      {
        customId: "judge-1",
        request: {
          ...ask("Score it."),
          tools: [{ name: "score", inputSchema: { type: "object" } }],
          toolChoice: { type: "tool", name: "score" },
        },
      },
    ];
    const created = await batches().create(requests);
    expect(created).toMatchObject({ status: "in_progress", requestCounts: { processing: 3, succeeded: 0 } });
    expect(created.expiresAt.getTime() - created.createdAt.getTime()).toBe(24 * 3_600_000);
    expect(fake.batches.created()[0]!.requests[2]).toMatchObject({
      custom_id: "judge-1",
      params: { model: "claude-haiku-4-5-20251001", tool_choice: { type: "tool", name: "score" } },
    });
    expect((await batches().retrieve(created.id)).status).toBe("in_progress");
    const early = batches().results(created.id)[Symbol.asyncIterator]().next();
    await expect(early).rejects.toBeInstanceOf(BatchNotEndedError);

    fake.batches.release(created.id);
    expect(await batches().retrieve(created.id)).toMatchObject({
      status: "ended",
      requestCounts: { processing: 0, succeeded: 3 },
    });
    const results = await collect(batches().results(created.id));
    expect([...results.keys()].sort()).toEqual(["caption-1", "caption-2", "judge-1"]);
    expect(results.get("caption-1")).toMatchObject({
      type: "succeeded",
      generation: { text: "A reply from claude-haiku-4-5-20251001." },
    });
    expect(results.get("judge-1")).toMatchObject({
      type: "succeeded",
      generation: { stopReason: "tool_use", toolUse: { name: "score" } },
    });
  });

  it("reports partial failures per request, classified like live errors", async () => {
    fake.batches.setOutcome("overloaded", { kind: "error", status: 529 });
    fake.batches.setOutcome("refused", { kind: "error", status: 400 });
    fake.batches.setOutcome("cut", { kind: "max_tokens" });
    const created = await batches().create([
      { customId: "fine", request: ask("One.") },
      { customId: "overloaded", request: ask("Two.") },
      { customId: "refused", request: ask("Three.") },
      {
        customId: "bad-prefill",
        request: ask("Four.", {
          messages: [
            { role: "user", content: "x" },
            { role: "assistant", content: "Start " },
          ],
        }),
      },
      { customId: "cut", request: ask("Five.", { maxTokens: 10 }) },
    ]);
    expect((await batches().retrieve(created.id)).requestCounts).toEqual({
      processing: 0,
      succeeded: 2,
      errored: 3,
      canceled: 0,
      expired: 0,
    });
    const results = await collect(batches().results(created.id));
    const kindOf = (id: string) => {
      const result = results.get(id)!;
      return result.type === "errored" ? [result.error.kind, result.error.isRetryable] : result.type;
    };
    expect(["overloaded", "refused", "bad-prefill"].map(kindOf)).toEqual([
      ["overloaded", true],
      ["bad_request", false],
      ["bad_request", false],
    ]);
    expect(results.get("cut")).toMatchObject({
      type: "succeeded",
      generation: { stopReason: "max_tokens", usage: { outputTokens: 10 } },
    });
    const refused = results.get("bad-prefill");
    expect(refused?.type === "errored" && refused.error.message).toMatch(/trailing whitespace/);
  });

  it("expires a batch that is not done in time, and a request forced to expire", async () => {
    fake.batches.expireAfter(1_000);
    fake.batches.hold();
    const held = await batches().create([
      { customId: "a", request: ask("One.") },
      { customId: "b", request: ask("Two.") },
    ]);
    now += 1_000;
    expect(await batches().retrieve(held.id)).toMatchObject({
      status: "ended",
      requestCounts: { expired: 2, succeeded: 0 },
    });
    expect([...(await collect(batches().results(held.id))).values()]).toEqual([
      { type: "expired" },
      { type: "expired" },
    ]);

    fake.batches.release();
    fake.batches.setOutcome("late", { kind: "expired" });
    const mixed = await batches().create([
      { customId: "late", request: ask("One.") },
      { customId: "on-time", request: ask("Two.") },
    ]);
    expect((await batches().retrieve(mixed.id)).requestCounts).toMatchObject({ expired: 1, succeeded: 1 });
  });

  it("cancels a batch in progress: canceling, then ended with its requests canceled", async () => {
    fake.batches.hold();
    const created = await batches().create([
      { customId: "a", request: ask("One.") },
      { customId: "b", request: ask("Two.") },
    ]);
    const canceling = await batches().cancel(created.id);
    expect(canceling.status).toBe("canceling");
    expect(canceling.cancelInitiatedAt).toBeInstanceOf(Date);
    expect(await batches().retrieve(created.id)).toMatchObject({ status: "ended", requestCounts: { canceled: 2 } });
    expect([...(await collect(batches().results(created.id))).values()]).toEqual([
      { type: "canceled" },
      { type: "canceled" },
    ]);
  });

  it("caches a shared prefix across the requests of a batch and prices them at the batch rate", async () => {
    const shared = (question: string) => ({
      ...cachedRequest([{ text: prefixOf("batch-tenant", 1_100), cacheBreakpoint: { ttl: "5m" } }]),
      messages: [{ role: "user" as const, content: question }],
    });
    const created = await batches().create([
      { customId: "q1", request: shared("Q one.") },
      { customId: "q2", request: shared("Q two.") },
    ]);
    await batches().retrieve(created.id);
    const results = await collect(batches().results(created.id));
    const usage = (id: string) => {
      const r = results.get(id)!;
      if (r.type !== "succeeded") throw new Error(r.type);
      return r.generation.usage;
    };
    expect(usage("q1")).toMatchObject({ cacheWriteTokens: 1_100, cacheReadTokens: 0, inputTokens: 2 });
    expect(usage("q2")).toMatchObject({ cacheWriteTokens: 0, cacheReadTokens: 1_100, inputTokens: 2 });
    // Sonnet 4.6 at half price: input 1.5 µ$, a read 0.15 µ$, output 7.5 µ$ a token.
    const { outputTokens } = usage("q2");
    expect(costOfUsage("claude-sonnet-4-6", usage("q2"), { isBatch: true })).toBe(
      Math.ceil((2 * 3 + 1_100 * 0.3 + outputTokens * 15) / 2),
    );
  });

  it.each([
    [
      "a duplicate custom id",
      [
        { customId: "same", request: ask("a") },
        { customId: "same", request: ask("b") },
      ],
    ],
    ["a custom id with a space", [{ customId: "has space", request: ask("a") }]],
    ["no requests", []],
  ])("refuses %s with a 400", async (_, requests) => {
    await expect(batches().create(requests)).rejects.toMatchObject({ kind: "bad_request", status: 400 });
  });

  it("answers an unknown batch with a 404", async () => {
    const error = await batches()
      .retrieve("msgbatch_missing")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 404, isRetryable: false });
  });
});
