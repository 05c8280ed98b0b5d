import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { readBalance } from "../src/credits";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { enqueueTenantSetup } from "../src/producer/enqueue-tenant-setup";
import { estimateCost } from "../src/lib/model-catalog";
import { reviewContent } from "../src/producer/review-content";
import { AGENT_JOB_NAME } from "../src/queues/queue-registry";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, startHarness } from "./harness";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";
const USD = 1_000_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }) });
});
afterAll(() => h.close());

async function enqueue(tenantId: string, input: Record<string, unknown>, key?: string) {
  return (await enqueueAgentJob(h, { tenantId, input, idempotencyKey: key })).run;
}

describe("agent workers end to end (simulated provider, real queues and database)", () => {
  it("routes each kind of task, records the decision and charges once", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    const runs = await Promise.all([
      enqueue(tenant.id, { role: "social-post-writer", topic: "Our new single-origin Ethiopia", channel: "instagram" }),
      enqueue(tenant.id, { role: "email-writer", topic: "Welcome to the subscription" }),
      enqueue(tenant.id, { role: "blog-writer", topic: "Dialing in espresso at home", outputLengthTarget: 800 }),
      enqueue(tenant.id, {
        role: "blog-writer",
        topic: "Water chemistry for coffee",
        outputLengthTarget: 2000,
        requiresReasoning: true,
      }),
      enqueue(tenant.id, { role: "strategy-writer", topic: "2027 content strategy" }),
      enqueue(tenant.id, { role: "context-file-writer", topic: "Acme brand context" }),
    ]);
    const done = new Map((await h.waitForRuns(runs.map((r) => r.id))).map((r) => [r.role + ":" + r.id, r]));
    const byId = (id: string) => [...done.values()].find((r) => r.id === id)!;
    const expected = [
      ["simple", HAIKU, "complexity:simple"],
      ["simple", HAIKU, "complexity:simple"],
      ["standard", SONNET, "complexity:standard"],
      ["complex", SONNET, "complexity:complex"],
      ["expert", OPUS, "complexity:expert"],
      ["complex", SONNET, "complexity:complex"],
    ];
    runs.forEach((run, i) => {
      const row = byId(run.id);
      expect(row.status, row.error ?? "").toBe("succeeded");
      expect([row.taskComplexity, row.modelRoutedTo, row.modelRouteReason]).toEqual(expected[i]);
      expect(row.source).toBe("simulated");
      expect(Number(row.actualCostMicros)).toBeGreaterThan(0);
      expect(Number(row.reservedMicros)).toBe(0);
      expect(row.checksScore).toBeGreaterThan(0);
    });
    const settlements = await h.db.creditLedgerEntry.count({ where: { tenantId: tenant.id, kind: "settlement" } });
    expect(settlements).toBe(runs.length);
    expect(await ledgerSum(h.db, tenant.id)).toBe(await readBalance(h.db, tenant.id));
    expect(await h.db.contentItem.count({ where: { tenantId: tenant.id } })).toBe(runs.length);
  });

  it("never routes a Sonnet-floor tenant to Haiku", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 20 * USD, floor: SONNET });
    const run = await enqueue(tenant.id, { role: "social-post-writer", topic: "Trail report: Mount Rainier" });
    const [row] = await h.waitForRuns([run.id]);
    expect([row!.status, row!.modelRoutedTo, row!.modelRouteReason]).toEqual(["succeeded", SONNET, `floor:${SONNET}`]);
  });

  it("drops Opus to Sonnet when credits are short, and refuses when even the floor is unaffordable", async () => {
    const opusHold = estimateCost(OPUS, 2000, 32768);
    const { tenant: short } = await createTestTenant(h.db, { balanceMicros: Math.floor(opusHold / 2) });
    const downgraded = await enqueue(short.id, { role: "strategy-writer", topic: "A strategy on a budget" });
    const { tenant: broke } = await createTestTenant(h.db, { balanceMicros: 100 });
    const refused = await enqueue(broke.id, { role: "blog-writer", topic: "Anything at all" });
    const [a, b] = await h.waitForRuns([downgraded.id, refused.id]);
    const rows = new Map([a!, b!].map((r) => [r.id, r]));
    expect(rows.get(downgraded.id)).toMatchObject({
      status: "succeeded",
      modelRoutedTo: SONNET,
      modelRouteReason: "credit_limit",
    });
    const refusal = rows.get(refused.id)!;
    expect(refusal).toMatchObject({ status: "refused_credits", modelRouteReason: "credit_limit", modelRoutedTo: null });
    expect(refusal.error).toMatch(/cannot afford claude-sonnet-4-6.*nothing was charged.*Balance: \$0\.0001/);
    expect(await readBalance(h.db, broke.id)).toBe(100);
    expect(await h.db.creditLedgerEntry.count({ where: { tenantId: broke.id } })).toBe(1);
  });

  it("re-runs a rejected post with the feedback, escalated by revision history", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 20 * USD });
    const first = await enqueue(tenant.id, { role: "social-post-writer", topic: "Holiday gift boxes" });
    await h.waitForRuns([first.id]);
    const content = await h.db.contentItem.findUniqueOrThrow({ where: { runId: first.id } });
    const { revisionRunId } = await reviewContent(h, {
      tenantId: tenant.id,
      reviewerId: null,
      input: {
        contentItemId: content.id,
        verdict: "rejected",
        score: 2,
        feedback: "Lead with the price and the ship-by date.",
      },
    });
    const [revision] = await h.waitForRuns([revisionRunId!]);
    expect(revision).toMatchObject({
      status: "succeeded",
      revisesRunId: first.id,
      taskComplexity: "standard",
      modelRoutedTo: SONNET,
      modelRouteReason: "revision_history",
    });
    expect(await h.db.contentItem.findUniqueOrThrow({ where: { id: content.id } })).toMatchObject({
      status: "rejected",
    });
  });

  it("gives the same run for the same idempotency key", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 5 * USD });
    const input = { role: "email-writer", topic: "Spring sale" };
    const a = await enqueueAgentJob(h, { tenantId: tenant.id, input, idempotencyKey: "k-1" });
    const b = await enqueueAgentJob(h, { tenantId: tenant.id, input, idempotencyKey: "k-1" });
    expect(b.run.id).toBe(a.run.id);
    expect([a.isDuplicate, b.isDuplicate]).toEqual([false, true]);
    await h.waitForRuns([a.run.id]);
    expect(await h.db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("fails a malformed payload put straight on a queue without charging or crashing the worker", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 5 * USD });
    const job = await h.queues.lanes.standard.add(
      AGENT_JOB_NAME,
      { runId: "not-a-uuid", tenantId: tenant.id, extra: "<script>" },
      { attempts: 3 },
    );
    for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 50));
    const failed = await h.queues.lanes.standard.getJob(job.id!);
    expect(await failed!.isFailed()).toBe(true);
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toMatch(/Invalid agent job payload: runId/);
    const after = await enqueue(tenant.id, { role: "blog-writer", topic: "Still working after bad input" });
    const [row] = await h.waitForRuns([after.id]);
    expect(row!.status).toBe("succeeded");
    expect(await h.db.creditLedgerEntry.count({ where: { tenantId: tenant.id, kind: "reservation" } })).toBe(1);
  });
});

describe("a run whose configuration names a model the catalog does not offer", () => {
  it("fails once, with a clear error, holding and charging nothing", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 5 * USD });
    await h.db.agentConfig.updateMany({
      where: { tenantId: tenant.id, role: "email-writer" },
      data: { model: "claude-3-5-haiku-20241022" },
    });
    const run = await enqueue(tenant.id, { role: "email-writer", topic: "Retired floors fail clearly" });
    const [row] = await h.waitForRuns([run.id]);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.error).toMatch(/claude-3-5-haiku-20241022.*retired/);
    expect(await readBalance(h.db, tenant.id)).toBe(5 * USD);
    expect(await h.db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(1);
  });
});

describe("tenant setup", () => {
  it("writes the context file first, then a strategy that reads it", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 20 * USD });
    const { contextFileRun, strategyRun } = await enqueueTenantSetup(h, {
      tenantId: tenant.id,
      brief: "We roast small-batch coffee for home brewers.",
    });
    const rows = await h.waitForRuns([contextFileRun.id, strategyRun.id]);
    const context = rows.find((r) => r.id === contextFileRun.id)!;
    const strategy = rows.find((r) => r.id === strategyRun.id)!;
    expect(context).toMatchObject({ status: "succeeded", modelRoutedTo: SONNET, taskComplexity: "complex" });
    expect(strategy).toMatchObject({ status: "succeeded", modelRoutedTo: OPUS, taskComplexity: "expert" });
    expect(strategy.startedAt!.getTime()).toBeGreaterThanOrEqual(context.finishedAt!.getTime());
    // The strategy prompt carried the context file, so its input is larger than the brief alone.
    expect(strategy.inputTokens!).toBeGreaterThan(context.outputTokens!);
    const again = await enqueueTenantSetup(h, {
      tenantId: tenant.id,
      brief: "We roast small-batch coffee for home brewers.",
    });
    expect(again.strategyRun.id).toBe(strategyRun.id);
  });
});
