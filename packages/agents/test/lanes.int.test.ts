import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import type { LlmAdapter } from "../src/adapters/types";
import { readBalance } from "../src/credits";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { getModel } from "../src/lib/model-catalog";
import { nextFairPriority } from "../src/queues/fair-priority";
import { readLaneStatus } from "../src/queues/lane-status";
import { AGENT_JOB_NAME } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic/server";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, REDIS_URL, startHarness } from "./harness";

const USD = 1_000_000;
/** Slow jobs from the noisy tenant in the burst; `pnpm test:reliability` runs the full 2,000. */
const BURST = Number(process.env.LANES_BURST ?? 500);

/** The simulated provider, with the latency a model family really has: Haiku is quick, the rest are not. */
function latencyByFamily(ms: Record<"haiku" | "sonnet" | "opus", number>): LlmAdapter {
  const inner = createSimulatedAdapter({ latencyMs: [0, 0] });
  return {
    name: "simulated",
    async generate(request) {
      await new Promise((r) => setTimeout(r, ms[getModel(request.model).family]));
      return inner.generate(request);
    },
  };
}

async function enqueueMany(h: Harness, tenantId: string, inputs: object[]) {
  const runs = [];
  for (let i = 0; i < inputs.length; i += 50) {
    const chunk = inputs.slice(i, i + 50).map((input) => enqueueAgentJob(h, { tenantId, input }).then((r) => r.run));
    runs.push(...(await Promise.all(chunk)));
  }
  return runs;
}

describe("lanes: a caption never waits behind a deep-dive", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      adapter: latencyByFamily({ haiku: 20, sonnet: 1500, opus: 2500 }),
      concurrency: { fast: 10, standard: 5, heavy: 5, batch: 2 },
    });
  });
  afterAll(() => h.close());

  it(`starts tenant B's 50 captions within a bounded wait while tenant A's ${BURST} slow jobs queue`, async () => {
    const a = await createTestTenant(h.db, { balanceMicros: 10_000 * USD });
    const b = await createTestTenant(h.db, { balanceMicros: 100 * USD });
    const slow = Array.from({ length: BURST }, (_, i) =>
      i % 5 === 0
        ? { role: "strategy-writer", topic: `Strategy ${i}` }
        : { role: "blog-writer", topic: `Deep-dive ${i}`, outputLengthTarget: 3000, requiresReasoning: true },
    );
    const aRuns = await enqueueMany(h, a.tenant.id, slow);
    const bRuns = await enqueueMany(
      h,
      b.tenant.id,
      Array.from({ length: 50 }, (_, i) => ({
        role: "social-post-writer",
        topic: `Caption ${i}`,
        channel: "instagram",
      })),
    );
    expect(new Set(aRuns.map((r) => r.lane))).toEqual(new Set(["heavy"]));
    expect(new Set(bRuns.map((r) => r.lane))).toEqual(new Set(["fast"]));

    const done = await h.waitForRuns(
      bRuns.map((r) => r.id),
      30_000,
    );
    const waits = done.map((r) => r.startedAt!.getTime() - r.queuedAt.getTime()).sort((x, y) => x - y);
    const stillQueued = await h.db.agentRun.count({ where: { tenantId: a.tenant.id, status: "queued" } });
    console.log(
      `[lanes] B's 50 captions: wait p50 ${waits[25]} ms, max ${waits[49]} ms; ` +
        `A still has ${stillQueued}/${BURST} slow jobs queued`,
    );
    expect(done.every((r) => r.status === "succeeded" && r.modelRoutedTo === "claude-haiku-4-5-20251001")).toBe(true);
    // Ten caption slots, 20 ms calls: every caption starts within a couple of seconds of being queued.
    expect(waits[49]).toBeLessThan(3000);
    expect(stillQueued).toBeGreaterThan(BURST - 30);
  });
});

describe("fairness: a tenant with 10 jobs is not starved by one with 10,000", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter: latencyByFamily({ haiku: 15, sonnet: 15, opus: 15 }), concurrency: 2 });
  });
  afterAll(() => h.close());

  it("interleaves the small tenant's jobs with the big tenant's backlog on the same lane", async () => {
    const big = await createTestTenant(h.db, { balanceMicros: 1000 * USD });
    const small = await createTestTenant(h.db, { balanceMicros: 100 * USD });
    await enqueueMany(
      h,
      big.tenant.id,
      Array.from({ length: 300 }, (_, i) => ({ role: "email-writer", topic: `Big tenant email ${i}` })),
    );
    const smallRuns = await enqueueMany(
      h,
      small.tenant.id,
      Array.from({ length: 20 }, (_, i) => ({ role: "email-writer", topic: `Small tenant email ${i}` })),
    );
    await h.waitForRuns(
      smallRuns.map((r) => r.id),
      30_000,
    );

    const started = await h.db.agentRun.findMany({
      where: { tenantId: { in: [big.tenant.id, small.tenant.id] }, startedAt: { not: null } },
      orderBy: { startedAt: "asc" },
      select: { tenantId: true, startedAt: true },
    });
    const order = started.map((r) => (r.tenantId === small.tenant.id ? "S" : "B")).join("");
    const window = order.slice(order.indexOf("S"), order.lastIndexOf("S") + 1);
    const longestBigStreak = Math.max(...window.split("S").map((run) => run.length));
    console.log(`[fairness] start order around the small tenant: ${window}`);
    // Round robin, allowing for two slots already busy and jobs added while others start.
    expect(window.length).toBeLessThanOrEqual(20 * 2 + 4);
    expect(longestBigStreak).toBeLessThanOrEqual(3);
    const bigQueued = await h.db.agentRun.count({ where: { tenantId: big.tenant.id, status: "queued" } });
    expect(bigQueued).toBeGreaterThan(150);
  });
});

describe("fair priorities", () => {
  const redis = createRedisConnection(REDIS_URL, { isWorker: false });
  afterAll(() => redis.quit());

  it("numbers each tenant's jobs from the head of the lane, and restarts once it has been empty a while", async () => {
    const prefix = `fair-${randomUUID().slice(0, 8)}`;
    const clocks = `${prefix}:lane:switchyard:tenant-clocks`;
    const next = (tenant: string) => nextFairPriority(redis, prefix, "lane", tenant);
    // A burst into an empty lane (its jobs not added yet) keeps counting.
    expect(await Promise.all([next("a"), next("a"), next("a")])).toEqual([1, 2, 3]);
    expect(await next("b")).toBe(1);
    // The head of the lane waits at priority 7: newcomers and laggards start there.
    await redis.zadd(`${prefix}:lane:prioritized`, 7 * 2 ** 32 + 1, "job-at-7");
    expect([await next("a"), await next("a")]).toEqual([8, 9]);
    expect([await next("c"), await next("c")]).toEqual([8, 9]);
    await redis.del(`${prefix}:lane:prioritized`);
    expect(await next("a")).toBe(10);
    // Empty and untouched for longer than the reset window: everyone starts equal again.
    await redis.hset(clocks, "__touched", 0);
    expect(await next("a")).toBe(1);
    await redis.del(clocks);
  });
});

describe("provider rate limits slow the lane, not the job", () => {
  let fake: FakeAnthropic;
  let h: Harness;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    h = await startHarness({
      adapter: createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 2000 }),
      concurrency: 2,
    });
  });
  afterAll(async () => {
    await h.close();
    await fake.close();
  });
  afterEach(() => fake.setDefault({ kind: "ok" }));

  it("pauses the lane for the retry-after, spends no attempt, then runs the job once", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 10 * USD, adapter: "anthropic" });
    fake.enqueue({ kind: "error", status: 429, retryAfterSeconds: 1 });
    const { run } = await enqueueAgentJob(h, {
      tenantId: tenant.id,
      input: { role: "email-writer", topic: "Rate limited welcome" },
    });
    let throttled: Awaited<ReturnType<typeof readLaneStatus>>[number] | undefined;
    for (let i = 0; i < 100 && !throttled; i++) {
      const fast = (await readLaneStatus(h.queues)).find((s) => s.lane === "fast")!;
      if (fast.throttleCount > 0) throttled = fast;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(throttled).toMatchObject({ throttleCount: 1 });
    expect(throttled!.throttledForMs).toBeGreaterThan(0);
    expect(throttled!.lastThrottle!.reason).toMatch(/rate-limited claude-haiku/);

    const [row] = await h.waitForRuns([run.id], 15_000);
    console.log(`[throttle] queued → finished ${row!.finishedAt!.getTime() - row!.queuedAt.getTime()} ms`);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(row!.finishedAt!.getTime() - row!.queuedAt.getTime()).toBeGreaterThanOrEqual(900);
    // Started twice, counted once: the throttled start spent no attempt.
    const job = await h.queues.lanes.fast.getJob(run.id);
    expect([job!.attemptsStarted, job!.attemptsMade]).toEqual([2, 1]);
    expect(fake.requests.filter((r) => r.body.model === "claude-haiku-4-5-20251001")).toHaveLength(2);
    expect(await ledgerSum(h.db, tenant.id)).toBe(await readBalance(h.db, tenant.id));
    expect(await h.db.creditLedgerEntry.count({ where: { runId: run.id, kind: "settlement" } })).toBe(1);
  });

  it("keeps the other lanes running while one is paused", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 10 * USD, adapter: "anthropic" });
    await h.queues.lanes.fast.rateLimit(10_000);
    try {
      const { run } = await enqueueAgentJob(h, {
        tenantId: tenant.id,
        input: { role: "blog-writer", topic: "Not held up by the fast lane" },
      });
      expect(run.lane).toBe("standard");
      const [row] = await h.waitForRuns([run.id], 5000);
      expect(row!.status).toBe("succeeded");
    } finally {
      await h.queues.lanes.fast.removeRateLimitKey();
    }
  });

  it("rejects a malformed job on a lane without touching the lane's pace", async () => {
    const job = await h.queues.lanes.heavy.add(AGENT_JOB_NAME, { runId: "x" }, { attempts: 2 });
    for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await job.isFailed()).toBe(true);
    expect((await readLaneStatus(h.queues)).find((s) => s.lane === "heavy")!.throttledForMs).toBe(0);
  });
});
