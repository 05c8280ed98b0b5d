import { randomUUID } from "node:crypto";
import { createTestTenant } from "@switchyard/agents/testing";
import {
  createPrismaClient,
  loadAnalytics,
  recordReviewRollup,
  type RunSource,
  runQuery,
  toSql,
  typedSql,
  upsertRunRollup,
} from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAnalyticsView, loadAnalyticsFor } from "../lib/server/analytics-view";
import type { Viewer } from "../lib/server/auth";
import { parseFilters } from "../lib/server/page-filters";
import { isEvidence, originNotes } from "../lib/view/analytics-sources";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const DAY = "2026-03-10";
const viewerOf = (tenantId: string): Viewer => ({
  id: randomUUID(),
  name: "viewer",
  email: "viewer@example.test",
  isOperator: false,
  roles: new Map([[tenantId, "viewer"]]),
});

interface FixedRun {
  role: string;
  model: string;
  tier: "simple" | "standard";
  source: RunSource;
  status?: "succeeded" | "failed";
  checks?: number;
  judge?: number | "failed";
  judgeMicros?: number;
  actual?: number;
  baseline?: number;
  review?: { verdict: "approved" | "rejected"; score: number | null };
}

/**
 * Writes a finished run and counts it in its rollup the way the worker's final statement
 * does (the run's UPDATE … RETURNING feeding upsertRunRollup), then any review the way
 * reviewing does, so the tab reads what production would have written.
 */
async function addRun(tenantId: string, configId: string, r: FixedRun) {
  const id = randomUUID();
  await db.agentRun.create({
    data: {
      id,
      tenantId,
      configId,
      role: r.role,
      jobId: `fixed:${id}`,
      status: r.status ?? "succeeded",
      adapter: "simulated",
      model: HAIKU,
      input: {},
      taskComplexity: r.tier,
      modelRoutedTo: r.model,
      modelRouteReason: `complexity:${r.tier}`,
      source: r.source,
      checksScore: r.checks ?? null,
      judgeStatus: r.judge === undefined ? "not_sampled" : r.judge === "failed" ? "failed" : "scored",
      judgeScore: typeof r.judge === "number" ? r.judge : null,
      judgeCostMicros: r.judgeMicros ?? 0,
      actualCostMicros: r.actual ?? 0,
      baselineCostMicros: r.baseline ?? 0,
    },
  });
  await runQuery(
    toSql(db),
    typedSql
      .with("final_run", (q) =>
        q
          .updateTable("agent_runs")
          .set({ finished_at: new Date(`${DAY}T12:00:00Z`) })
          .where("id", "=", id)
          .returningAll(),
      )
      .with("rollup", (q) => upsertRunRollup(q))
      .selectNoFrom((eb) => eb.lit(1).as("done")),
  );
  if (r.review) {
    const item = await db.contentItem.create({
      data: { tenantId, runId: id, kind: "blog_post", title: "t", body: "b" },
    });
    await db.review.create({ data: { contentItemId: item.id, ...r.review } });
    await recordReviewRollup(db, id, r.review.verdict, r.review.score);
  }
  return id;
}

const social = { role: "social-post-writer", model: HAIKU, tier: "simple", actual: 1000, baseline: 3000 } as const;
const FIXED: FixedRun[] = [
  { ...social, source: "real", checks: 0.6, judge: 0.75, judgeMicros: 100, review: { verdict: "approved", score: 5 } },
  { ...social, source: "real", checks: 0.8, judge: 0.25, judgeMicros: 200, review: { verdict: "rejected", score: 2 } },
  { ...social, source: "real", checks: 1.0, judge: "failed" },
  {
    role: "email-writer",
    model: SONNET,
    tier: "simple",
    source: "real",
    checks: 0.9,
    judge: 1.0,
    judgeMicros: 300,
    actual: 5000,
    baseline: 5000,
    review: { verdict: "rejected", score: 1 },
  },
  { role: "email-writer", model: SONNET, tier: "simple", source: "real", checks: 0.7, actual: 4000, baseline: 4000 },
  { role: "blog-writer", model: SONNET, tier: "standard", source: "real", checks: 0.5, actual: 6000, baseline: 6000 },
  { role: "blog-writer", model: SONNET, tier: "standard", source: "real", status: "failed" },
  { ...social, source: "simulated", checks: 1.0 },
  { ...social, source: "simulated", checks: 1.0 },
  { role: "blog-writer", model: SONNET, tier: "standard", source: "synthetic", checks: 0.87 },
];

let tenantId: string;
let syntheticOnlyTenantId: string;
const filters = (extra: Record<string, string> = {}) =>
  parseFilters({ tab: "analytics", from: DAY, to: DAY, ...extra });

beforeAll(async () => {
  const { tenant, config } = await createTestTenant(db);
  tenantId = tenant.id;
  for (const run of FIXED) await addRun(tenant.id, config.id, run);
  const other = await createTestTenant(db);
  syntheticOnlyTenantId = other.tenant.id;
  await addRun(other.tenant.id, other.config.id, { ...social, source: "synthetic", checks: 0.8 });
});

describe("the analytics tab's figures on a small fixed history", () => {
  it("defaults to the real runs and computes every interval as worked by hand", async () => {
    const loaded = await loadAnalyticsFor(viewerOf(tenantId), filters());
    expect(loaded).toMatchObject({ source: "real", isSourceDefault: true, shown: [{ source: "real", runs: 7 }] });
    expect(originNotes(loaded.shown)).toEqual([]);
    expect(isEvidence(loaded.shown)).toBe(true);
    const v = buildAnalyticsView(loaded.data);

    const cell = (tier: string, label: string) => v.quality.find((q) => q.complexity === tier && q.label === label);
    // Haiku, simple: checks 0.6, 0.8, 1.0 → mean 0.8, s = 0.2, t(2) = 4.303: 0.8 − 4.303·0.2/√3 = 0.30313
    expect(cell("simple", "haiku-4-5")).toMatchObject({ runs: 3, judgeFailures: 1 });
    expect(cell("simple", "haiku-4-5")?.checks?.n).toBe(3);
    expect(cell("simple", "haiku-4-5")?.checks?.estimate).toBeCloseTo(0.8, 9);
    expect(cell("simple", "haiku-4-5")?.checks?.low).toBeCloseTo(0.30313, 5);
    expect(cell("simple", "haiku-4-5")?.checks?.high).toBe(1);
    // Judge 0.75 and 0.25 (the third failed): mean 0.5, t(1) = 12.706 spans the whole range.
    expect(cell("simple", "haiku-4-5")?.judge).toMatchObject({ n: 2, low: 0, high: 1 });
    expect(cell("simple", "haiku-4-5")?.judge?.estimate).toBeCloseTo(0.5, 9);
    // 1 of 2 approved: Wilson [0.09453, 0.90547].
    expect(cell("simple", "haiku-4-5")?.approval?.n).toBe(2);
    expect(cell("simple", "haiku-4-5")?.approval?.low).toBeCloseTo(0.09453, 5);
    expect(cell("simple", "haiku-4-5")?.approval?.high).toBeCloseTo(0.90547, 5);
    // Sonnet, simple: 0 of 1 approved → [0, 0.79345]; one judged run says nothing about spread.
    expect(cell("simple", "sonnet-4-6")?.approval?.high).toBeCloseTo(0.79345, 5);
    expect(cell("simple", "sonnet-4-6")?.judge).toEqual({ n: 1, estimate: 1, low: 0, high: 1 });
    expect(cell("standard", "sonnet-4-6")).toMatchObject({ runs: 1, judge: undefined, approval: undefined });
    expect(v.quality.map((q) => `${q.complexity}/${q.label}`)).toEqual([
      "simple/haiku-4-5",
      "simple/sonnet-4-6",
      "standard/sonnet-4-6",
    ]);

    expect(v.correlations).toEqual([
      {
        tier: "simple",
        signal: "checks",
        status: "too_few_runs",
        short: [
          { label: "haiku-4-5", n: 3 },
          { label: "sonnet-4-6", n: 2 },
        ],
      },
      {
        tier: "simple",
        signal: "judge",
        status: "too_few_runs",
        short: [
          { label: "haiku-4-5", n: 2 },
          { label: "sonnet-4-6", n: 1 },
        ],
      },
      { tier: "standard", signal: "checks", status: "one_model" },
      { tier: "standard", signal: "judge", status: "one_model" },
    ]);

    // The judge passed the approved caption (0.75) and failed the rejected one (0.25): 2 of 2;
    // it passed the rejected email (1.0): 0 of 1.
    const agreement = Object.fromEntries(v.agreement.map((a) => [`${a.role}/${a.label}`, a.agreement]));
    expect(agreement["social-post-writer/haiku-4-5"]).toMatchObject({ n: 2, estimate: 1, high: 1 });
    expect(agreement["social-post-writer/haiku-4-5"]?.low).toBeCloseTo(0.34238, 5);
    expect(agreement["email-writer/sonnet-4-6"]).toMatchObject({ n: 1, estimate: 0, low: 0 });

    // Succeeded real runs: 3·1000 + 5000 + 4000 + 6000 spent (judge included), 600 of it evaluation.
    expect(v.totals).toEqual({
      runs: 7,
      actual: 18_000,
      baseline: 24_000,
      evaluation: 600,
      savedNet: 6_000,
      savedBeforeEvaluation: 6_600,
    });
  });

  it("carries each run's source into its rollup and the tab's banner", async () => {
    const viewer = viewerOf(tenantId);
    const simulated = await loadAnalyticsFor(viewer, filters({ source: "simulated" }));
    expect(simulated).toMatchObject({ source: "simulated", isSourceDefault: false });
    expect(simulated.shown).toEqual([{ source: "simulated", runs: 2 }]);
    expect(simulated.data.qualityByModelTier).toMatchObject([{ model: HAIKU, runs: 2, checks: { count: 2, sum: 2 } }]);
    expect(originNotes(simulated.shown).map((n) => n.text)).toEqual([
      expect.stringMatching(/^2 simulated runs: .*never that a model writes well/),
    ]);

    const all = await loadAnalyticsFor(viewer, filters({ source: "all" }));
    expect(all.shown.map((s) => [s.source, s.runs])).toEqual([
      ["real", 7],
      ["simulated", 2],
      ["synthetic", 1],
    ]);
    expect(originNotes(all.shown).map((n) => n.source)).toEqual(["simulated", "synthetic"]);
    expect(isEvidence(all.shown)).toBe(false);
    expect(all.data.statusTotals.reduce((n, s) => n + s.runs, 0)).toBe(10);

    // The rollups answer what the raw runs answer, source by source.
    for (const sources of [["real"], ["simulated"], ["synthetic"], undefined] as const) {
      const f = { from: new Date(`${DAY}T00:00:00Z`), to: new Date(`${DAY}T00:00:00Z`), tenantIds: [tenantId] };
      const q = { ...f, sources: sources && [...sources] };
      expect(await loadAnalytics(db, q, "rollups")).toEqual(await loadAnalytics(db, q, "runs"));
    }
  });

  it("shows what there is when a range has no real runs, and says it is synthetic", async () => {
    const loaded = await loadAnalyticsFor(viewerOf(syntheticOnlyTenantId), filters());
    expect(loaded).toMatchObject({ source: "all", isSourceDefault: true, shown: [{ source: "synthetic", runs: 1 }] });
    expect(originNotes(loaded.shown)[0]?.text).toMatch(/seed:history.*not a finding/);
    const real = await loadAnalyticsFor(viewerOf(syntheticOnlyTenantId), filters({ source: "real" }));
    expect(real.data.statusTotals).toEqual([]);
    expect(real.shown).toEqual([]);
  });
});
