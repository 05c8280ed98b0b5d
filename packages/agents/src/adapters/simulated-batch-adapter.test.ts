import { describe, expect, it } from "vitest";
import { type BatchAdapter, BatchNotEndedError, type BatchRequest, type BatchResult } from "./batch-types";
import { cachedRequest, prefixOf } from "./prompt-cache.contract";
import { createSimulatedAdapter } from "./simulated-adapter";
import { createSimulatedBatchAdapter, type SimulatedBatchOptions } from "./simulated-batch-adapter";
import type { GenerateRequest } from "./types";

const ask = (content: string, model = "claude-haiku-4-5-20251001"): GenerateRequest => ({
  model,
  maxTokens: 256,
  system: "You write social posts.",
  messages: [{ role: "user", content: `Topic: ${content}` }],
});

const requests = (count: number, prefix = "post"): BatchRequest[] =>
  Array.from({ length: count }, (_, i) => ({ customId: `${prefix}-${i}`, request: ask(`Idea number ${i}`) }));

function rig(options: Omit<SimulatedBatchOptions, "now"> = {}) {
  const clock = { now: 1_700_000_000_000 };
  const batches: BatchAdapter = createSimulatedBatchAdapter({ ...options, now: () => clock.now });
  return { batches, advance: (ms: number) => void (clock.now += ms) };
}

async function collect(results: AsyncIterable<BatchResult>): Promise<Map<string, BatchResult["result"]>> {
  const byId = new Map<string, BatchResult["result"]>();
  for await (const { customId, result } of results) byId.set(customId, result);
  return byId;
}

describe("the simulated batch provider", () => {
  it("stays in progress for the processing time, then ends with every result", async () => {
    const { batches, advance } = rig({ processingMs: 60_000 });
    const created = await batches.create(requests(4));
    expect(created).toMatchObject({ status: "in_progress", requestCounts: { processing: 4 } });
    advance(59_999);
    expect((await batches.retrieve(created.id)).status).toBe("in_progress");
    await expect(batches.results(created.id)[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(BatchNotEndedError);
    advance(1);
    const ended = await batches.retrieve(created.id);
    expect(ended).toMatchObject({ status: "ended", requestCounts: { processing: 0, succeeded: 4 } });
    expect(ended.endedAt!.getTime() - ended.createdAt.getTime()).toBe(60_000);
    const results = await collect(batches.results(created.id));
    expect([...results.keys()].sort()).toEqual(["post-0", "post-1", "post-2", "post-3"]);
    for (const result of results.values())
      expect(result).toMatchObject({ type: "succeeded", generation: { isSimulated: true } });
  });

  it.each([
    [0, 0, 0],
    [1, 200, 200],
    [0.3, 40, 80],
  ])(
    "fails a share %s of requests (between %i and %i of 200), the same ones every time",
    async (errorRate, least, most) => {
      const { batches } = rig({ processingMs: 0, errorRate });
      const first = await batches.create(requests(200));
      const second = await batches.create(requests(200));
      const failed = async (id: string) =>
        [...(await collect(batches.results(id))).entries()]
          .filter(([, r]) => r.type === "errored")
          .map(([customId]) => customId)
          .sort();
      const [a, b] = [await failed(first.id), await failed(second.id)];
      expect(a.length).toBeGreaterThanOrEqual(least);
      expect(a.length).toBeLessThanOrEqual(most);
      expect(b).toEqual(a);
    },
  );

  it("classifies a simulated failure as a retryable server error", async () => {
    const { batches } = rig({ processingMs: 0, errorRate: 1 });
    const { id } = await batches.create(requests(1));
    const result = (await collect(batches.results(id))).get("post-0");
    expect(result).toMatchObject({ type: "errored", error: { kind: "server", isRetryable: true } });
  });

  it("expires the requests not done by the expiry, and keeps the ones that were", async () => {
    const { batches, advance } = rig({ processingMs: 10_000, expiresAfterMs: 5_000 });
    const { id } = await batches.create(requests(4));
    advance(4_999);
    expect((await batches.retrieve(id)).status).toBe("in_progress");
    advance(1);
    expect(await batches.retrieve(id)).toMatchObject({ status: "ended", requestCounts: { succeeded: 2, expired: 2 } });
    const results = await collect(batches.results(id));
    expect(["post-0", "post-1", "post-2", "post-3"].map((c) => results.get(c)!.type)).toEqual([
      "succeeded",
      "succeeded",
      "expired",
      "expired",
    ]);
  });

  it("cancels: canceling at once, then ended with the unfinished requests canceled", async () => {
    const { batches, advance } = rig({ processingMs: 10_000 });
    const { id } = await batches.create(requests(4));
    advance(5_000);
    expect(await batches.cancel(id)).toMatchObject({ status: "canceling", requestCounts: { processing: 4 } });
    expect(await batches.retrieve(id)).toMatchObject({ status: "ended", requestCounts: { succeeded: 2, canceled: 2 } });
    advance(60_000);
    expect(await batches.cancel(id)).toMatchObject({ status: "ended", requestCounts: { canceled: 2 } });
  });

  it("shares the prompt cache of the adapter it is given, live calls included", async () => {
    let now = 0;
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0], now: () => now });
    const batches = createSimulatedBatchAdapter({ adapter, processingMs: 1_000, now: () => now });
    const shared = cachedRequest([{ text: prefixOf("shared", 1_100), cacheBreakpoint: { ttl: "1h" } }]);
    const { id } = await batches.create([
      { customId: "first", request: shared },
      { customId: "second", request: shared },
    ]);
    now += 1_000;
    const results = await collect(batches.results(id));
    expect(results.get("first")).toMatchObject({
      generation: { usage: { cacheWriteTokens: 1_100, cacheWrite1hTokens: 1_100 } },
    });
    expect(results.get("second")).toMatchObject({
      generation: { usage: { cacheReadTokens: 1_100, cacheWriteTokens: 0 } },
    });
    expect((await adapter.generate(shared)).usage.cacheReadTokens).toBe(1_100);
  });

  it("ends a request the adapter refuses as errored, not the whole batch", async () => {
    const { batches } = rig({ processingMs: 0 });
    const { id } = await batches.create([
      { customId: "ok", request: ask("fine") },
      { customId: "retired", request: ask("old", "claude-3-5-haiku-20241022") },
    ]);
    const results = await collect(batches.results(id));
    expect(results.get("ok")?.type).toBe("succeeded");
    expect(results.get("retired")).toMatchObject({ type: "errored", error: { kind: "bad_request" } });
  });

  it.each([
    ["a duplicate custom id", [...requests(1), ...requests(1)]],
    ["a custom id longer than 64", requests(1, "x".repeat(64))],
    ["no requests", []],
  ])("refuses %s, as the API does", async (_, batch) => {
    await expect(rig().batches.create(batch)).rejects.toMatchObject({ kind: "bad_request", status: 400 });
  });

  it("answers an unknown batch as the API does (404)", async () => {
    await expect(rig().batches.retrieve("msgbatch_missing")).rejects.toMatchObject({
      kind: "bad_request",
      status: 404,
    });
  });
});
