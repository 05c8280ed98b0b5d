import { createPrismaClient } from "@switchyard/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { readBalance } from "../src/credits";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { runAgentJob } from "../src/worker/run-agent-job";
import { PermanentJobError, ProviderThrottledError } from "../src/lib/errors";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic/server";
import { createTestTenant, ledgerSum } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const db = createPrismaClient();
let fake: FakeAnthropic;
let waits: number[];

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});
beforeEach(() => {
  waits = [];
  fake.setDefault({ kind: "ok" });
});

function blogDeps() {
  return {
    db,
    adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 500 }),
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

/** One run of a blog post (standard tier → Sonnet) through the real SDK and the fake API. */
async function runBlogPost(floor: string, isFinalAttempt = true) {
  const { tenant } = await createTestTenant(db, { balanceMicros: 10_000_000, floor, adapter: "anthropic" });
  const { run } = await createAgentRun(db, {
    tenantId: tenant.id,
    input: { role: "blog-writer", topic: "Fault tolerance for coffee shops" },
  });
  const outcome = await runAgentJob({ runId: run.id, tenantId: tenant.id }, blogDeps(), { isFinalAttempt }).catch(
    (e: unknown) => e,
  );
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
  const balanced = (await ledgerSum(db, tenant.id)) === (await readBalance(db, tenant.id));
  return { outcome, row, tenant, balanced };
}

describe("provider faults through the real SDK", () => {
  it("hands a 429 to the lane: no in-call retry, hold returned, run queued with the provider's wait", async () => {
    fake.enqueue({ kind: "error", status: 429, retryAfterSeconds: 2 });
    const first = await runBlogPost(HAIKU);
    expect(first.outcome).toBeInstanceOf(ProviderThrottledError);
    expect(first.outcome).toMatchObject({ waitMs: 2000, model: SONNET });
    expect(first.row).toMatchObject({ status: "queued", reservedMicros: 0n });
    expect(waits).toEqual([]);
    expect(await readBalance(db, first.tenant.id)).toBe(10_000_000);
    expect(first.balanced).toBe(true);

    const again = await runAgentJob({ runId: first.row.id, tenantId: first.tenant.id }, blogDeps(), {
      isFinalAttempt: true,
    });
    expect(again).toMatchObject({ status: "succeeded", model: SONNET });
    const row = await db.agentRun.findUniqueOrThrow({ where: { id: first.row.id } });
    expect(row).toMatchObject({ status: "succeeded", attempts: 2, modelRouteReason: "complexity:standard" });
    expect(await ledgerSum(db, first.tenant.id)).toBe(await readBalance(db, first.tenant.id));
  });

  it("asks the lane to pause when a success reports the model's quota spent", async () => {
    fake.enqueue({
      kind: "ok",
      headers: {
        "anthropic-ratelimit-requests-remaining": "0",
        "anthropic-ratelimit-requests-reset": new Date(Date.now() + 5000).toISOString(),
      },
    });
    const { outcome } = await runBlogPost(HAIKU);
    expect(outcome).toMatchObject({ status: "succeeded" });
    const pause = (outcome as { pauseLaneMs?: number }).pauseLaneMs;
    expect(pause).toBeGreaterThan(3000);
    expect(pause).toBeLessThanOrEqual(5000);
  });

  it("retries timeouts and 500s with backoff", async () => {
    fake.enqueue({ kind: "slow", delayMs: 1500, then: { kind: "ok" } }, { kind: "error", status: 500 });
    const { row } = await runBlogPost(HAIKU);
    expect(row.status).toBe("succeeded");
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
  });

  it("falls back one model down when a model stays overloaded and the floor allows it", async () => {
    fake.enqueue({ kind: "error", status: 529 }, { kind: "error", status: 529 }, { kind: "error", status: 529 });
    const { row, balanced } = await runBlogPost(HAIKU);
    expect(row).toMatchObject({ status: "succeeded", modelRoutedTo: HAIKU, modelRouteReason: "provider_fallback" });
    expect(fake.requests.slice(-4).map((r) => r.body.model)).toEqual([SONNET, SONNET, SONNET, HAIKU]);
    expect(Number(row.actualCostMicros)).toBeGreaterThan(0);
    expect(balanced).toBe(true);
  });

  it("does not fall below the floor: the run fails with the provider's error and its hold is released", async () => {
    fake.setDefault({ kind: "error", status: 529 });
    const { row, outcome, tenant, balanced } = await runBlogPost(SONNET);
    expect(outcome).toMatchObject({ kind: "overloaded" });
    expect(row).toMatchObject({ status: "failed", reservedMicros: 0n });
    expect(row.error).toMatch(/529/);
    expect(await readBalance(db, tenant.id)).toBe(10_000_000);
    expect(balanced).toBe(true);
  });

  it("puts a retryable failure back in the queue when attempts remain", async () => {
    fake.setDefault({ kind: "error", status: 500 });
    const { row } = await runBlogPost(SONNET, false);
    expect(row).toMatchObject({ status: "queued", reservedMicros: 0n });
    expect(row.error).toMatch(/will retry/);
  });

  it.each([400, 401] as const)("does not retry a %i: one call, failed for good, nothing charged", async (status) => {
    fake.enqueue({ kind: "error", status });
    const before = fake.requests.length;
    const { row, outcome, tenant } = await runBlogPost(HAIKU, false);
    expect(outcome).toBeInstanceOf(PermanentJobError);
    expect(fake.requests.length - before).toBe(1);
    expect(row.status).toBe("failed");
    expect(await readBalance(db, tenant.id)).toBe(10_000_000);
  });
});
