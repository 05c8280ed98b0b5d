import { loadAnalytics } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { createAnthropicBatchAdapter } from "../src/adapters/anthropic-batch-adapter";
import { readBalance } from "../src/credits";
import { costOfUsage, type TokenUsage } from "../src/lib/model-catalog";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { gatherBatch } from "../src/runs";
import { ApprovedExamples } from "../src/worker/approved-examples";
import { type BatchHooks, type BatchSettings } from "../src/worker/batch/batch-deps";
import { createBatchCoordinator } from "../src/worker/batch/batch-coordinator";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic/server";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, startHarness } from "./harness";
import { auditTenants } from "./reliability/audit";

const SONNET = "claude-sonnet-4-6";
/** About 2,000 tokens: over Sonnet 4.6's minimum cacheable prefix, so batch requests write and read the cache. */
const CONTEXT_FILE = "Northwind roasts small-batch coffee in Leeds and ships it fresh within two days. ".repeat(100);

let fake: FakeAnthropic;
let h: Harness;
/** The fake's clock runs this far ahead of the wall clock: how a test makes a batch expire. */
let clockOffsetMs = 0;
const tenants: string[] = [];

beforeAll(async () => {
  fake = await startFakeAnthropic({ now: () => Date.now() + clockOffsetMs });
  const live = createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 5000 });
  h = await startHarness({ adapter: live });
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

const SETTINGS: BatchSettings = { maxRequests: 100, maxAgeMs: 0, pollMs: 10, leaseMs: 60_000 };

function coordinator(settings: Partial<BatchSettings> = {}, hooks: BatchHooks = {}) {
  const deps = {
    db: h.db,
    sql: h.sql,
    queues: h.queues,
    batchAdapterFor: () => createAnthropicBatchAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL }),
    adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 5000 }),
    examples: new ApprovedExamples(h.db),
    log: () => undefined,
  };
  return createBatchCoordinator(deps, { ...SETTINGS, ...settings }, hooks);
}

async function tenantWith({
  balanceMicros = 50_000_000,
  judge = "off",
}: { balanceMicros?: number; judge?: "off" | "always" } = {}) {
  const { tenant } = await createTestTenant(h.db, { balanceMicros, floor: SONNET, adapter: "anthropic", judge });
  await h.db.agentConfig.updateMany({
    where: { tenantId: tenant.id },
    data: { promptSettings: { voice: "plain", contextFile: `${tenant.name}\n${CONTEXT_FILE}` } },
  });
  tenants.push(tenant.id);
  return tenant;
}

async function enqueue(tenantId: string, topic: string, extra: object = { urgency: "batch" }) {
  const input = { role: "blog-writer", topic, outputLengthTarget: 200, ...extra };
  const { run } = await enqueueAgentJob(h, { tenantId, input });
  return run.id;
}

/** Until every run is running on the batch lane with its hold (or finished: refused). */
async function untilHeld(runIds: string[], isPast = (status: string) => status !== "queued") {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const runs = await h.db.agentRun.findMany({ where: { id: { in: runIds } } });
    if (runs.every((r) => isPast(r.status))) return runs;
    if (Date.now() > deadline) throw new Error("batch-lane jobs were not taken");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ticks the coordinator until every run has finished (a run sent back live finishes on the live lanes). */
async function drive(coord: ReturnType<typeof coordinator>, runIds: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await coord.tick();
    const runs = await h.db.agentRun.findMany({ where: { id: { in: runIds } } });
    if (runs.every((r) => ["succeeded", "failed", "refused_credits"].includes(r.status))) return runs;
    if (Date.now() > deadline) throw new Error(`unfinished: ${runs.map((r) => r.status).join(", ")}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

const usageOf = (row: {
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  cacheWrite1hTokens: number | null;
}): TokenUsage => ({
  inputTokens: row.inputTokens ?? 0,
  outputTokens: row.outputTokens ?? 0,
  cacheReadTokens: row.cacheReadTokens ?? 0,
  cacheWriteTokens: row.cacheWriteTokens ?? 0,
  cacheWrite1hTokens: row.cacheWrite1hTokens ?? 0,
});

/** The fake's batches that carried any of these runs, with their requests' custom ids. */
const batchesOf = (runIds: string[]) =>
  fake.batches
    .created()
    .filter((b) => b.requests.some((r) => runIds.includes(r.custom_id)))
    .map((b) => ({ id: b.id, customIds: b.requests.map((r) => r.custom_id) }));

async function expectAuditClean(tenantId: string) {
  const { lost } = await auditTenants(h.db, [tenantId]);
  expect(lost).toEqual(Object.fromEntries(Object.keys(lost).map((k) => [k, 0])));
  expect(await ledgerSum(h.db, tenantId)).toBe(await readBalance(h.db, tenantId));
}

describe("Message Batches: work that can wait, at half price", () => {
  it("gathers held requests into one batch; each ends on its own: success, retryable, permanent error", async () => {
    const tenant = await tenantWith();
    const ids = await Promise.all(["Cold brew", "Iced lattes", "Decaf", "Pour-over"].map((t) => enqueue(tenant.id, t)));
    const held = await untilHeld(ids);
    expect(held.map((r) => [r.status, r.lane, r.modelRouteReason])).toEqual(
      ids.map(() => ["running", "batch", "batch"]),
    );
    fake.batches.setOutcome(ids[1]!, { kind: "error", status: 500 });
    fake.batches.setOutcome(ids[2]!, { kind: "error", status: 400 });
    const runs = await drive(coordinator(), ids);
    const byId = new Map(runs.map((r) => [r.id, r]));

    const made = batchesOf(ids);
    expect(made).toHaveLength(1);
    expect([...made[0]!.customIds].sort()).toEqual([...ids].sort());
    const batchRow = await h.db.messageBatch.findFirstOrThrow({ where: { runIds: { has: ids[0]! } } });
    expect(batchRow).toMatchObject({ status: "ended", model: SONNET, providerBatchId: batchesOf(ids)[0]!.id });
    for (const id of [ids[0]!, ids[3]!]) {
      const run = byId.get(id)!;
      expect(run).toMatchObject({ status: "succeeded", modelRouteReason: "batch", batchId: batchRow.id });
      const usage = usageOf(run);
      // Batch pricing is half of every token class, cache writes and reads included.
      expect(Number(run.actualCostMicros)).toBe(costOfUsage(SONNET, usage, { isBatch: true }));
      expect(Number(run.batchSavingMicros)).toBe(
        costOfUsage(SONNET, usage) - costOfUsage(SONNET, usage, { isBatch: true }),
      );
      const plain = {
        inputTokens: usage.inputTokens + usage.cacheReadTokens! + usage.cacheWriteTokens!,
        outputTokens: usage.outputTokens,
      };
      expect(Number(run.cacheSavingMicros)).toBe(costOfUsage(SONNET, plain) - costOfUsage(SONNET, usage));
    }
    // One batch, one prefix: the first request wrote the tenant's prefix and a later one read it.
    const [a, b] = [byId.get(ids[0]!)!, byId.get(ids[3]!)!];
    expect((a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0)).toBeGreaterThan(0);
    // The retryable error went back to a live lane and succeeded there, at live prices.
    const retried = byId.get(ids[1]!)!;
    expect(retried).toMatchObject({ status: "succeeded", lane: "standard", attempts: 2, batchSavingMicros: null });
    expect(retried.modelRouteReason).not.toBe("batch");
    expect(Number(retried.actualCostMicros)).toBe(costOfUsage(SONNET, usageOf(retried)));
    // The permanent one failed with the provider's reason and cost nothing.
    expect(byId.get(ids[2]!)).toMatchObject({ status: "failed", actualCostMicros: null });
    expect(byId.get(ids[2]!)!.error).toMatch(/batch request errored.*400/);

    const rollup = await h.db.runRollup.aggregate({
      where: { tenantId: tenant.id },
      _sum: { batchSavingMicros: true },
    });
    expect(Number(rollup._sum.batchSavingMicros)).toBe(Number(a.batchSavingMicros) + Number(b.batchSavingMicros));
    // The analytics tab reads the same batch saving from rollups as from the runs.
    const today = new Date(new Date().toISOString().slice(0, 10));
    const filters = { from: today, to: today, tenantIds: [tenant.id] };
    const [fromRollups] = (await loadAnalytics(h.db, filters)).costByTenant;
    expect(fromRollups).toEqual((await loadAnalytics(h.db, filters, "runs")).costByTenant[0]);
    expect(fromRollups?.batchSavingMicros).toBe(Number(rollup._sum.batchSavingMicros));
    await expectAuditClean(tenant.id);
  });

  it("holds at batch prices: half the live hold for the same prompt", async () => {
    const tenant = await tenantWith();
    const batchId = await enqueue(tenant.id, "Holds", { urgency: "batch" });
    const liveId = await enqueue(tenant.id, "Holds", { urgency: "live" });
    await h.waitForRuns([liveId]);
    await untilHeld([batchId]);
    const holdOf = async (runId: string) =>
      -Number((await h.db.creditLedgerEntry.findFirstOrThrow({ where: { runId, kind: "reservation" } })).amountMicros);
    const [batchHold, liveHold] = [await holdOf(batchId), await holdOf(liveId)];
    expect(Math.abs(2 * batchHold - liveHold)).toBeLessThanOrEqual(1);
    await drive(coordinator(), [batchId]);
    await expectAuditClean(tenant.id);
  });

  it("refuses a tenant who cannot afford the batch hold, with the reason, charging nothing", async () => {
    const tenant = await tenantWith({ balanceMicros: 1000 });
    const id = await enqueue(tenant.id, "Too dear");
    // A refusal passes through running (the attempt starts, then finds the hold unaffordable): wait past it.
    const [run] = await untilHeld([id], (status) => status !== "queued" && status !== "running");
    expect(run).toMatchObject({ status: "refused_credits", batchId: null, reservedMicros: 0n });
    expect(run!.error).toMatch(/cannot afford .*nothing was charged/);
    await coordinator().tick();
    expect(batchesOf([id])).toEqual([]);
    expect(await readBalance(h.db, tenant.id)).toBe(1000);
    await expectAuditClean(tenant.id);
  });

  it("sends expired requests back live while their deliverBy allows, and fails the rest with the reason", async () => {
    const tenant = await tenantWith();
    const inTwoHours = new Date(Date.now() + 2 * 3600_000).toISOString();
    const ids = await Promise.all(["Early", "Late"].map((t) => enqueue(tenant.id, t, { deliverBy: inTwoHours })));
    await untilHeld(ids);
    fake.batches.hold();
    fake.batches.expireAfter(60_000);
    const coord = coordinator();
    await coord.tick();
    expect(batchesOf(ids)).toHaveLength(1);
    // Time passes: the batch expires at the provider, and one run's deadline is now behind it.
    await h.db.agentRun.update({ where: { id: ids[1] }, data: { deliverBy: new Date(Date.now() - 1000) } });
    clockOffsetMs = 120_000;
    try {
      const runs = await drive(coord, ids);
      const byId = new Map(runs.map((r) => [r.id, r]));
      expect(byId.get(ids[0]!)).toMatchObject({ status: "succeeded", lane: "standard", batchSavingMicros: null });
      expect(byId.get(ids[1]!)).toMatchObject({ status: "failed", actualCostMicros: null });
      expect(byId.get(ids[1]!)!.error).toMatch(/batch request expired, and its deliverBy .* has passed/);
    } finally {
      clockOffsetMs = 0;
      fake.batches.reset();
    }
    await expectAuditClean(tenant.id);
  });

  it("sends canceled requests back live, holds released", async () => {
    const tenant = await tenantWith();
    const ids = await Promise.all(["One", "Two"].map((t) => enqueue(tenant.id, t)));
    await untilHeld(ids);
    fake.batches.hold();
    const coord = coordinator();
    try {
      await coord.tick();
      const [made] = batchesOf(ids);
      await createAnthropicBatchAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL }).cancel(made!.id);
      const runs = await drive(coord, ids);
      expect(runs.map((r) => [r.status, r.lane])).toEqual(ids.map(() => ["succeeded", "standard"]));
      expect(runs.every((r) => r.error === null && r.attempts === 2)).toBe(true);
      const ledger = await h.db.creditLedgerEntry.findMany({ where: { runId: ids[0]!, kind: "release" } });
      expect(ledger.length).toBe(1);
    } finally {
      fake.batches.reset();
    }
    await expectAuditClean(tenant.id);
  });

  it("a submitter that dies between create and record: the next one adopts the batch, no double submit", async () => {
    const tenant = await tenantWith();
    const ids = await Promise.all(["Crash A", "Crash B", "Crash C"].map((t) => enqueue(tenant.id, t)));
    await untilHeld(ids);
    const crashing = coordinator(
      { leaseMs: 300 },
      {
        afterCreate: () => Promise.reject(new Error("simulated crash between create and record")),
      },
    );
    await crashing.tick();
    expect(batchesOf(ids)).toHaveLength(1);
    const intent = await h.db.messageBatch.findFirstOrThrow({ where: { runIds: { has: ids[0]! } } });
    expect(intent).toMatchObject({ status: "intent", providerBatchId: null });
    await new Promise((r) => setTimeout(r, 400));
    const runs = await drive(coordinator({ leaseMs: 300 }), ids);
    expect(runs.map((r) => [r.status, r.modelRouteReason])).toEqual(ids.map(() => ["succeeded", "batch"]));
    expect(batchesOf(ids)).toHaveLength(1);
    const adopted = await h.db.messageBatch.findUniqueOrThrow({ where: { id: intent.id } });
    expect(adopted).toMatchObject({ status: "ended", providerBatchId: batchesOf(ids)[0]!.id });
    await expectAuditClean(tenant.id);
  });

  it("a submitter that dies after writing the intent, before create: the next one submits it, once", async () => {
    const tenant = await tenantWith();
    const ids = await Promise.all(["Lost A", "Lost B"].map((t) => enqueue(tenant.id, t)));
    await untilHeld(ids);
    const intent = await gatherBatch(h.sql, { adapter: "anthropic", model: SONNET, limit: 100, leaseMs: 200 });
    expect(intent?.runIds).toEqual(expect.arrayContaining(ids));
    await new Promise((r) => setTimeout(r, 300));
    const runs = await drive(coordinator({ leaseMs: 300 }), ids);
    expect(runs.map((r) => r.status)).toEqual(ids.map(() => "succeeded"));
    expect(batchesOf(ids)).toHaveLength(1);
    await expectAuditClean(tenant.id);
  });

  it("runs the judge live, at live prices, on a batch result", async () => {
    const tenant = await tenantWith({ judge: "always" });
    const id = await enqueue(tenant.id, "Judged");
    const [run] = await drive(coordinator(), [id]);
    expect(run).toMatchObject({ status: "succeeded", judgeStatus: "scored", modelRouteReason: "batch" });
    const judgeUsage = { inputTokens: run!.judgeInputTokens ?? 0, outputTokens: run!.judgeOutputTokens ?? 0 };
    expect(Number(run!.judgeCostMicros)).toBe(costOfUsage(run!.judgeModel!, judgeUsage));
    expect(Number(run!.actualCostMicros)).toBe(
      costOfUsage(SONNET, usageOf(run!), { isBatch: true }) + Number(run!.judgeCostMicros),
    );
    await expectAuditClean(tenant.id);
  });
});

describe("enqueueing work that can wait", () => {
  it("refuses a deliverBy in the past or absurdly far ahead, and plans a valid one to the batch lane", async () => {
    const tenant = await tenantWith();
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    for (const deliverBy of [at(-60_000), at(30 * 60_000), at(40 * 24 * 3600_000)]) {
      await expect(enqueue(tenant.id, "Deadline", { deliverBy })).rejects.toThrow(/deliverBy/);
    }
    const id = await enqueue(tenant.id, "Deadline", { deliverBy: at(3 * 3600_000) });
    const run = await h.db.agentRun.findUniqueOrThrow({ where: { id } });
    expect(run.lane).toBe("batch");
    expect(run.deliverBy?.getTime()).toBeGreaterThan(Date.now() + 2 * 3600_000);
    await untilHeld([id]);
    await drive(coordinator(), [id]);
  });
});
