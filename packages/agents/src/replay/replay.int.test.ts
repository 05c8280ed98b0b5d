import { randomUUID } from "node:crypto";
import { createPrismaClient, type PrismaClient, rebuildRollups } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "../../test/fixtures";
import { InvalidPayloadError } from "../lib/errors";
import { planRoute, RoutingOverridesSchema } from "../lib/model-router";
import { updateRoutingOverrides } from "../producer/update-routing-overrides";
import { replayRuns } from ".";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";

interface FixedRun {
  role: string;
  complexity: string;
  routed: string;
  reason?: string;
  status?: "succeeded" | "failed";
  finished: string;
  input: number;
  output: number;
  cacheRead?: number;
  batchSaving?: number;
  actual: number;
  judge?: { score: number; cost: number };
  baseline: number;
}

/*
 * The fixed history, every cost worked out by hand from the list prices ($/MTok = micro-dollars a token:
 * Haiku 1 in / 5 out, Sonnet 3 / 15 (cache read 0.3), Opus 5 / 25; batches half).
 *   A blog standard on Sonnet:      1000·3 + 2000·15 = 33,000, judge 500 → 33,500
 *   B blog standard on Sonnet:      2000·3 + 1000·15 + 3000 cache reads·0.3 = 21,900 (prefix 3,000 tokens)
 *   C caption simple on Haiku:      500·1 + 100·5 = 1,000
 *   D strategy expert on Opus, batched: (4000·5 + 8000·25) / 2 = 110,000
 *   E strategy expert on Sonnet, downgraded for credits: 1000·3 + 1000·15 = 18,000
 * Left out: F finished before the range, G failed, and another tenant's run. I, on Haiku for a standard
 * blog (a tenant override) before the range, counts only toward the quality cells.
 */
const HISTORY: Record<string, FixedRun> = {
  A: {
    ...{ role: "blog-writer", complexity: "standard", routed: SONNET, finished: "2026-03-10T12:00:00Z" },
    ...{ input: 1000, output: 2000, actual: 33_500, judge: { score: 0.9, cost: 500 }, baseline: 33_000 },
  },
  B: {
    ...{ role: "blog-writer", complexity: "standard", routed: SONNET, finished: "2026-03-11T12:00:00Z" },
    ...{ input: 2000, output: 1000, cacheRead: 3000, actual: 21_900, judge: { score: 0.7, cost: 0 }, baseline: 30_000 },
  },
  C: {
    ...{ role: "social-post-writer", complexity: "simple", routed: HAIKU, finished: "2026-03-01T00:00:00Z" },
    ...{ input: 500, output: 100, actual: 1000, baseline: 3000 },
  },
  D: {
    ...{
      role: "strategy-writer",
      complexity: "expert",
      routed: OPUS,
      reason: "batch",
      finished: "2026-03-31T23:59:59Z",
    },
    ...{ input: 4000, output: 8000, batchSaving: 110_000, actual: 110_000, baseline: 132_000 },
  },
  E: {
    ...{ role: "strategy-writer", complexity: "expert", routed: SONNET, reason: "credit_limit" },
    ...{ finished: "2026-03-20T08:00:00Z", input: 1000, output: 1000, actual: 18_000, baseline: 18_000 },
  },
  F: {
    ...{ role: "blog-writer", complexity: "standard", routed: SONNET, finished: "2026-02-28T23:59:59Z" },
    ...{ input: 9000, output: 9000, actual: 162_000, baseline: 162_000 },
  },
  G: {
    ...{
      role: "blog-writer",
      complexity: "standard",
      routed: SONNET,
      status: "failed",
      finished: "2026-03-05T00:00:00Z",
    },
    ...{ input: 9000, output: 9000, actual: 0, baseline: 0 },
  },
  I: {
    ...{ role: "blog-writer", complexity: "standard", routed: HAIKU, reason: "tenant_override" },
    ...{ finished: "2026-01-05T00:00:00Z", input: 1000, output: 2000, actual: 11_000, baseline: 33_000 },
    judge: { score: 0.6, cost: 0 },
  },
};

async function insertRun(tenantId: string, run: FixedRun) {
  const config = await db.agentConfig.findUniqueOrThrow({ where: { tenantId_role: { tenantId, role: run.role } } });
  const finishedAt = new Date(run.finished);
  await db.agentRun.create({
    data: {
      tenantId,
      configId: config.id,
      role: run.role,
      jobId: `replay-test/${randomUUID()}`,
      status: run.status ?? "succeeded",
      adapter: "simulated",
      model: HAIKU,
      input: {},
      source: "synthetic",
      taskComplexity: run.complexity as "standard",
      modelRoutedTo: run.routed,
      modelRouteReason: run.reason ?? `complexity:${run.complexity}`,
      inputTokens: run.input,
      outputTokens: run.output,
      cacheReadTokens: run.cacheRead ?? 0,
      cacheWriteTokens: 0,
      batchSavingMicros: run.batchSaving ?? null,
      actualCostMicros: run.actual,
      baselineCostMicros: run.baseline,
      judgeStatus: run.judge ? "scored" : "not_sampled",
      judgeScore: run.judge?.score ?? null,
      judgeCostMicros: run.judge?.cost ?? null,
      queuedAt: new Date(finishedAt.getTime() - 60_000),
      finishedAt,
    },
  });
}

let tenantId: string;

beforeAll(async () => {
  ({
    tenant: { id: tenantId },
  } = await createTestTenant(db));
  for (const run of Object.values(HISTORY)) await insertRun(tenantId, run);
  const { tenant: other } = await createTestTenant(db);
  await insertRun(other.id, { ...HISTORY.A, actual: 999_999 } as FixedRun);
  await rebuildRollups(db);
});

const RANGE = { from: "2026-03-01", to: "2026-03-31" };

describe("what-if replay over a fixed history", () => {
  it("replays the recorded policy at the recorded cost", async () => {
    const r = await replayRuns(db, { tenantId, ...RANGE });
    expect(r.runs).toBe(5);
    expect(r.actualMicros).toBe(33_500 + 21_900 + 1000 + 110_000 + 18_000);
    expect(r.replayedMicros).toBe(184_400);
    expect(r.baselineMicros).toBe(33_000 + 30_000 + 3000 + 132_000 + 18_000);
    expect(r.judgeMicros).toBe(500);
  });

  it("prices standard blogs on Haiku by hand: B loses its cache (its 3,000-token prefix < Haiku's 4,096)", async () => {
    const r = await replayRuns(db, {
      tenantId,
      ...RANGE,
      policy: { routing: { "blog-writer": { standard: HAIKU } } },
    });
    const blog = r.roles.find((x) => x.role === "blog-writer");
    // A: 1000·1 + 2000·5 + judge 500 = 11,500. B: (2000 + 3000)·1 + 1000·5 = 10,000.
    expect(blog).toMatchObject({ runs: 2, actualMicros: 55_400, replayedMicros: 21_500 });
    expect(blog?.moves).toEqual([{ complexity: "standard", from: SONNET, to: HAIKU, runs: 2, batchedRuns: 0 }]);
    // C, D and E are unchanged: 1,000 + 110,000 + 18,000.
    expect(r.replayedMicros).toBe(21_500 + 129_000);
  });

  it("applies floors, batch and caching settings: routing only goes up from the floor", async () => {
    const r = await replayRuns(db, {
      tenantId,
      ...RANGE,
      policy: {
        floors: { "social-post-writer": SONNET, "strategy-writer": OPUS },
        batch: { "blog-writer": "all", "strategy-writer": "none" },
        caching: "off",
      },
    });
    const byRole = Object.fromEntries(r.roles.map((x) => [x.role, x.replayedMicros]));
    // A batched: 33,000 / 2 + 500 = 17,000. B batched, uncached: (5000·3 + 1000·15) / 2 = 15,000.
    expect(byRole["blog-writer"]).toBe(32_000);
    // C on the Sonnet floor: 500·3 + 100·15 = 3,000.
    expect(byRole["social-post-writer"]).toBe(3000);
    // D live on Opus: 220,000. E, downgraded for credits, raised to the Opus floor: 1000·5 + 1000·25 = 30,000.
    expect(byRole["strategy-writer"]).toBe(250_000);
    expect(r.replayedMicros).toBe(285_000);
  });

  it("a tier table below the floor is lifted to the floor", async () => {
    const r = await replayRuns(db, {
      tenantId,
      ...RANGE,
      policy: { routing: { "strategy-writer": { expert: HAIKU } }, floors: { "strategy-writer": SONNET } },
    });
    const strategy = r.roles.find((x) => x.role === "strategy-writer");
    // D on the Sonnet floor, still batched: (4000·3 + 8000·15) / 2 = 66,000. E keeps Sonnet: 18,000.
    expect(strategy?.replayedMicros).toBe(84_000);
    expect(strategy?.moves.map((m) => m.to)).toEqual([SONNET, SONNET]);
  });

  it("estimates quality from the recorded judge scores, with n and an interval", async () => {
    const r = await replayRuns(db, {
      tenantId,
      ...RANGE,
      policy: { routing: { "blog-writer": { standard: HAIKU } } },
    });
    const judge = r.roles.find((x) => x.role === "blog-writer")?.quality.judge;
    // Recorded: Sonnet's cell (A 0.9, B 0.7): mean 0.8, sample variance 0.02, half-width 1.96·√(0.02/2).
    expect(judge?.recorded?.n).toBe(2);
    expect(judge?.recorded?.estimate).toBeCloseTo(0.8, 9);
    expect(judge?.recorded?.low).toBeCloseTo(0.8 - 1.959964 * 0.1, 6);
    // Replayed: Haiku's cell has one score (I, 0.6, before the range): the interval is as wide as can be.
    expect(judge?.replayed).toMatchObject({ n: 1, runs: 2, low: 0, high: 1 });
    expect(judge?.replayed?.estimate).toBeCloseTo(0.6, 9);
  });

  it.each([
    [{ from: "2026-03-31", to: "2026-03-01" }],
    [{ from: "2026-03-01", to: "2026-03-31", policy: { routing: { "blog-writer": { standard: "gpt-5" } } } }],
    [{ from: "2026-03-01", to: "2026-03-31", policy: { floors: { "ghost-writer": HAIKU } } }],
    [{ from: "2026-03-01", to: "2026-03-31", policy: { caching: "maybe" } }],
    [{ from: "2025-01-01", to: "2026-03-31" }],
  ])("refuses a malformed request (%j)", async (request) => {
    await expect(replayRuns(db, { tenantId, ...request })).rejects.toThrow(InvalidPayloadError);
  });
});

describe("saving a replayed policy as the tenant's routing overrides", () => {
  it("stores the tier table the replay priced; the router still keeps the floor", async () => {
    const { tenant } = await createTestTenant(db, { floor: SONNET });
    const routing = { "blog-writer": { standard: HAIKU }, "email-writer": {} };
    const replay = await replayRuns(db, { tenantId: tenant.id, ...RANGE, policy: { routing } });
    const saved = await updateRoutingOverrides(db, tenant.id, { routingOverrides: replay.policy.routing });
    expect(saved).toEqual({ "blog-writer": { standard: HAIKU } });
    const stored = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    const overrides = RoutingOverridesSchema.parse(stored.routingOverrides);
    expect(overrides).toEqual({ "blog-writer": { standard: HAIKU } });
    expect(planRoute("blog-writer", "standard", SONNET, overrides)[0]).toMatchObject({ model: SONNET });
    expect(planRoute("blog-writer", "standard", HAIKU, overrides)[0]).toMatchObject({ model: HAIKU });
  });

  it.each([
    [{ routingOverrides: { "blog-writer": { standard: "claude-3-5-haiku-20241022" } } }],
    [{ routingOverrides: { "blog-writer": { legendary: HAIKU } } }],
    [{ routingOverrides: { "ghost-writer": { standard: HAIKU } } }],
    [{ routingOverrides: {}, extra: true }],
  ])("refuses %j and keeps what was stored", async (input) => {
    const { tenant } = await createTestTenant(db);
    await updateRoutingOverrides(db, tenant.id, { routingOverrides: { "email-writer": { simple: SONNET } } });
    await expect(updateRoutingOverrides(db, tenant.id, input)).rejects.toThrow(InvalidPayloadError);
    const stored = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(stored.routingOverrides).toEqual({ "email-writer": { simple: SONNET } });
  });
});
