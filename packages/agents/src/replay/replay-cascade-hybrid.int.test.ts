import { randomUUID } from "node:crypto";
import { createPrismaClient, type PrismaClient, rebuildRollups } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "../../test/fixtures";
import { wilsonInterval } from "../quality/statistics";
import { replayRuns } from ".";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";
const RANGE = { from: "2026-03-01", to: "2026-03-31" };

interface Row {
  role: string;
  complexity: string;
  routed: string;
  finished: string;
  input: number;
  output: number;
  judgeCost?: number;
  cascade?: object;
  router?: object;
}

async function insert(tenantId: string, run: Row) {
  const config = await db.agentConfig.findUniqueOrThrow({ where: { tenantId_role: { tenantId, role: run.role } } });
  const finishedAt = new Date(run.finished);
  await db.agentRun.create({
    data: {
      tenantId,
      configId: config.id,
      role: run.role,
      jobId: `replay-test/${randomUUID()}`,
      status: "succeeded",
      adapter: "simulated",
      model: HAIKU,
      input: {},
      source: "synthetic",
      taskComplexity: run.complexity as "standard",
      modelRoutedTo: run.routed,
      modelRouteReason: `complexity:${run.complexity}`,
      routingSignals: run.router ? { rule: "default", router: run.router } : { rule: "default" },
      inputTokens: run.input,
      outputTokens: run.output,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      actualCostMicros: 0,
      baselineCostMicros: 0,
      judgeStatus: run.judgeCost === undefined ? "not_sampled" : "scored",
      judgeCostMicros: run.judgeCost ?? null,
      ...(run.cascade && { cascade: run.cascade }),
      queuedAt: new Date(finishedAt.getTime() - 60_000),
      finishedAt,
    },
  });
}

const gate = (checksScore: number, judgeScore?: number) => ({
  checksScore,
  judgeStatus: judgeScore === undefined ? "failed" : "scored",
  ...(judgeScore !== undefined && { judgeScore }),
  isPassed: false,
});
const blog = { role: "blog-writer", complexity: "standard" };
const FEB = "2026-02-10T00:00:00Z";

/*
 * Cascade history, worked by hand ($/MTok = micro-dollars a token: Haiku 1 in / 5 out, Sonnet 3 / 15).
 * In the range: P (1000 in, 2000 out) and Q (2000 in, 1000 out), standard blogs on Sonnet: 54,000 together;
 * on Haiku 18,000. Before it, four cascaded blogs whose gate judge scored the cheaper draft:
 *   G1 checks 0.9 / judge 0.8 (kept; its judge, the gate's, cost 400)   G2 0.9 / 0.6 (escalated, gate judge 600)
 *   G3 0.7 / 0.9 (escalated, 500)                                      G4 0.95 / 0.95 (kept, 500)
 * and G6, whose gate judge failed (no score: not counted). At a 0.75 bar G1 and G4 pass: 2 of 4; at 0.65, 3 of 4.
 * Gate judge per run: 2,000 / 4 = 500. Cascade on P and Q at 0.75: 18,000 + 2·500 + 54,000·(2/4) = 46,000;
 * at 0.65: 18,000 + 1,000 + 54,000·(1/4) = 32,500. E1, an email on Haiku (500 in, 100 out: 1,000), has
 * nothing cheaper to try and no recorded gate.
 */
const CASCADE_HISTORY: Row[] = [
  { ...blog, routed: SONNET, finished: "2026-03-05T00:00:00Z", input: 1000, output: 2000 },
  { ...blog, routed: SONNET, finished: "2026-03-06T00:00:00Z", input: 2000, output: 1000 },
  { ...blog, routed: HAIKU, finished: FEB, input: 10, output: 10, judgeCost: 400, cascade: cas("accepted", 0.9, 0.8) },
  { ...blog, routed: SONNET, finished: FEB, input: 10, output: 10, cascade: cas("escalated", 0.9, 0.6, 600) },
  { ...blog, routed: SONNET, finished: FEB, input: 10, output: 10, cascade: cas("escalated", 0.7, 0.9, 500) },
  {
    ...blog,
    routed: HAIKU,
    finished: FEB,
    input: 10,
    output: 10,
    judgeCost: 500,
    cascade: cas("accepted", 0.95, 0.95),
  },
  { ...blog, routed: SONNET, finished: FEB, input: 10, output: 10, cascade: cas("escalated", 0.9, undefined, 300) },
  {
    role: "email-writer",
    complexity: "simple",
    routed: HAIKU,
    finished: "2026-03-07T00:00:00Z",
    input: 500,
    output: 100,
  },
];

function cas(outcome: string, checks: number, judge: number | undefined, gateJudgeCostMicros?: number) {
  return {
    outcome,
    routedModel: SONNET,
    cheapModel: HAIKU,
    threshold: 0.75,
    gate: gate(checks, judge),
    ...(gateJudgeCostMicros !== undefined && { gateJudgeCostMicros }),
  };
}

const classified = (heuristicTier: string, tier: string, costMicros: number, latencyMs: number, rule: string) => ({
  mode: "hybrid",
  decidedBy: "classifier",
  why: "test",
  heuristicTier,
  boundary: { rule, tiers: [] },
  classifier: { model: HAIKU, status: "chosen", tier, costMicros, latencyMs, heldMicros: 2000 },
});

/*
 * Hybrid history, by hand. Classified in the range:
 *   H1 a blog the classifier moved standard → complex, Sonnet either way, 1000 in / 1000 out: 18,000 both ways;
 *      overhead 700, 300 ms
 *   H2 a revised email moved standard → simple, 1000 in / 500 out: Haiku 3,500, Sonnet 10,500; 800, 500 ms
 *   H3 a blog kept at standard, 500 / 500: 9,000 both ways; 600, 400 ms
 * As run 30,500 + overhead 2,100; with the heuristic alone 37,500. H4 is a close call the heuristic decided
 * (breaker open); H5 not a close call; H6 classified before the range.
 */
const HYBRID_HISTORY: Row[] = [
  {
    ...{ role: "blog-writer", complexity: "complex", routed: SONNET, finished: "2026-03-02T00:00:00Z" },
    ...{ input: 1000, output: 1000, router: classified("standard", "complex", 700, 300, "length_band") },
  },
  {
    ...{ role: "email-writer", complexity: "simple", routed: HAIKU, finished: "2026-03-03T00:00:00Z" },
    ...{ input: 1000, output: 500, router: classified("standard", "simple", 800, 500, "revised_short_form") },
  },
  {
    ...{ ...blog, routed: SONNET, finished: "2026-03-04T00:00:00Z", input: 500, output: 500 },
    router: classified("standard", "standard", 600, 400, "length_band"),
  },
  {
    ...{ ...blog, routed: SONNET, finished: "2026-03-05T00:00:00Z", input: 100, output: 100 },
    router: {
      ...{ mode: "hybrid", decidedBy: "heuristic", why: "breaker open: x", heuristicTier: "standard" },
      boundary: { rule: "length_band", tiers: ["standard", "complex"] },
    },
  },
  {
    ...{ ...blog, routed: SONNET, finished: "2026-03-06T00:00:00Z", input: 100, output: 100 },
    router: { mode: "heuristic", decidedBy: "heuristic", why: "router mode heuristic", heuristicTier: "standard" },
  },
  {
    ...{ role: "blog-writer", complexity: "complex", routed: SONNET, finished: FEB, input: 9000, output: 9000 },
    router: classified("standard", "complex", 900, 900, "length_band"),
  },
];

let cascadeTenant: string;
let hybridTenant: string;
let emptyTenant: string;

beforeAll(async () => {
  const tenantId = async () => (await createTestTenant(db)).tenant.id;
  [cascadeTenant, hybridTenant, emptyTenant] = [await tenantId(), await tenantId(), await tenantId()];
  for (const run of CASCADE_HISTORY) await insert(cascadeTenant, run);
  for (const run of HYBRID_HISTORY) await insert(hybridTenant, run);
  await rebuildRollups(db);
});

describe("replaying the cascade on a role at a threshold, from recorded gate scores", () => {
  it.each([
    [0.75, 2, 46_000],
    [0.65, 3, 32_500],
  ])("at %d: %d of 4 recorded drafts pass, the blogs cost %d", async (threshold, passed, expected) => {
    const r = await replayRuns(db, {
      tenantId: cascadeTenant,
      ...RANGE,
      policy: { cascade: { "blog-writer": { threshold } } },
    });
    const role = r.roles.find((x) => x.role === "blog-writer");
    expect(role).toMatchObject({ runs: 2, replayedMicros: expected });
    const acceptance = wilsonInterval(passed, 4)!;
    expect(role?.cascade).toMatchObject({
      threshold,
      n: 4,
      acceptance,
      cascadedRuns: 2,
      withoutMicros: 54_000,
      withMicros: expected,
    });
    // The interval's high acceptance is the cheap end.
    const at = (p: number) => Math.ceil(18_000 + 1000 + (54_000 * Math.round((1 - p) * 1e6)) / 1e6);
    expect(role?.cascade?.withLowMicros).toBeCloseTo(at(acceptance.high), -1);
    expect(role?.cascade?.withHighMicros).toBeCloseTo(at(acceptance.low), -1);
    expect(role?.cascade?.note).toMatch(new RegExp(`An estimate: ${passed} of 4 recorded cheaper drafts`));
  });

  it("gives the kept drafts' mean judge score, and leaves the roles the policy does not cascade alone", async () => {
    const r = await replayRuns(db, {
      tenantId: cascadeTenant,
      ...RANGE,
      policy: { cascade: { "blog-writer": { threshold: 0.75 } } },
    });
    expect(r.roles.find((x) => x.role === "blog-writer")?.cascade?.passedJudgeMean).toBeCloseTo(0.875, 9);
    const email = r.roles.find((x) => x.role === "email-writer");
    expect(email).toMatchObject({ replayedMicros: 1000 });
    expect(email?.cascade).toBeUndefined();
  });

  it("says plainly when a role has no recorded gate outcome, and prices it without the cascade", async () => {
    const r = await replayRuns(db, {
      tenantId: cascadeTenant,
      ...RANGE,
      policy: { cascade: { "email-writer": { threshold: 0.5 } } },
    });
    const email = r.roles.find((x) => x.role === "email-writer");
    expect(email).toMatchObject({ replayedMicros: 1000, cascade: { n: 0, cascadedRuns: 0 } });
    expect(email?.cascade?.note).toMatch(/No cascaded run of this role recorded a gate score: no estimate/);
    expect(r.roles.find((x) => x.role === "blog-writer")).toMatchObject({ replayedMicros: 54_000 });
  });

  it("refuses a threshold outside 0–1", async () => {
    await expect(
      replayRuns(db, { tenantId: cascadeTenant, ...RANGE, policy: { cascade: { "blog-writer": { threshold: 2 } } } }),
    ).rejects.toThrow(/threshold/);
  });
});

describe("what hybrid mode changed, from the runs a classifier decided", () => {
  it("counts close calls, classified runs and tier moves, and prices them both ways with the overhead", async () => {
    const { hybrid } = await replayRuns(db, { tenantId: hybridTenant, ...RANGE });
    expect(hybrid).toMatchObject({
      closeCalls: 4,
      classifiedRuns: 3,
      changedRuns: 2,
      asRunMicros: 30_500,
      heuristicMicros: 37_500,
      overheadMicros: 2100,
      meanLatencyMs: 400,
      maxLatencyMs: 500,
    });
    expect([...hybrid.moves].sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "blog-writer", from: "standard", to: "complex", runs: 1 },
      { role: "email-writer", from: "standard", to: "simple", runs: 1 },
    ]);
    expect(hybrid.note).toMatch(/From 3 runs a classifier decided, of 4 close calls/);
  });

  it("prices the tiers with the policy's table: complex blogs on Opus", async () => {
    const { hybrid } = await replayRuns(db, {
      tenantId: hybridTenant,
      ...RANGE,
      policy: { routing: { "blog-writer": { complex: OPUS } } },
    });
    // H1 on Opus: 1000·5 + 1000·25 = 30,000; H2 3,500; H3 9,000.
    expect(hybrid).toMatchObject({ asRunMicros: 42_500, heuristicMicros: 37_500 });
  });

  it("says plainly when no run recorded a classifier decision", async () => {
    const { hybrid } = await replayRuns(db, { tenantId: emptyTenant, ...RANGE });
    expect(hybrid).toMatchObject({ closeCalls: 0, classifiedRuns: 0, changedRuns: 0, moves: [] });
    expect(hybrid.meanLatencyMs).toBeUndefined();
    expect(hybrid.note).toMatch(/^No run in this range recorded a classifier decision/);
  });
});
