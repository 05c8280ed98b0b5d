import { loadAnalytics, rebuildRollups } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { reviewContent } from "../src/producer/review-content";
import { createTestTenant } from "./fixtures";
import { type Harness, startHarness } from "./harness";

let h: Harness;
let tenantIds: string[] = [];
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0] }) });
});
afterAll(() => h.close());

const TASKS = [
  { role: "social-post-writer", topic: "Spring menu launch" },
  { role: "email-writer", topic: "Loyalty points reminder" },
  { role: "blog-writer", topic: "Roasting at altitude", outputLengthTarget: 700 },
  { role: "blog-writer", topic: "Decaf processes compared", outputLengthTarget: 2000, requiresReasoning: true },
  { role: "strategy-writer", topic: "Holiday campaign plan" },
];

describe("analytics rollups", () => {
  it("answer exactly what the same queries over the raw runs answer", async () => {
    const rich = await createTestTenant(h.db, { balanceMicros: 100_000_000 });
    const poor = await createTestTenant(h.db, { balanceMicros: 150_000, floor: "claude-sonnet-4-6" });
    const broken = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
    await h.db.agentConfig.updateMany({
      where: { tenantId: broken.tenant.id, role: "email-writer" },
      data: { model: "not-a-model" },
    });
    const runIds: string[] = [];
    for (const { tenant } of [rich, poor, broken]) {
      for (let i = 0; i < 12; i++) {
        const input = { ...TASKS[i % TASKS.length], topic: `${TASKS[i % TASKS.length]!.topic} #${i}` };
        runIds.push((await enqueueAgentJob(h, { tenantId: tenant.id, input })).run.id);
      }
    }
    await h.waitForRuns(runIds);
    const items = await h.db.contentItem.findMany({ where: { runId: { in: runIds } }, orderBy: { createdAt: "asc" } });
    for (const [i, item] of items.slice(0, 10).entries()) {
      const verdict = i % 3 === 0 ? "rejected" : "approved";
      await reviewContent(h, {
        tenantId: item.tenantId,
        reviewerId: null,
        input: { contentItemId: item.id, verdict, score: (i % 5) + 1, feedback: "Tighter opening, please." },
      });
    }
    const revisions = await h.db.agentRun.findMany({ where: { revisesRunId: { in: runIds } }, select: { id: true } });
    await h.waitForRuns(revisions.map((r) => r.id));

    const today = new Date();
    tenantIds = [rich, poor, broken].map((t) => t.tenant.id);
    const filters = {
      from: new Date(today.getTime() - 86_400_000),
      to: new Date(today.getTime() + 86_400_000),
      tenantIds,
    };
    const fromRollups = await loadAnalytics(h.db, filters, "rollups");
    const fromRuns = await loadAnalytics(h.db, filters, "runs");
    expect(fromRollups).toEqual(fromRuns);
    const statuses = Object.fromEntries(fromRuns.statusTotals.map((s) => [s.status, s.runs]));
    expect(statuses.succeeded).toBeGreaterThan(20);
    expect(statuses.refused_credits).toBeGreaterThan(0);
    expect(statuses.failed).toBeGreaterThan(0);
    const reviewed = fromRuns.qualityByModelTier.reduce((n, r) => n + r.approvals + r.rejections, 0);
    expect(reviewed).toBe(10);
    const withRole = { ...filters, role: "blog-writer" };
    expect(await loadAnalytics(h.db, withRole, "rollups")).toEqual(await loadAnalytics(h.db, withRole, "runs"));
  });

  it("are rebuilt from the runs to the same figures", async () => {
    const filters = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000), tenantIds };
    const before = await loadAnalytics(h.db, filters, "rollups");
    await rebuildRollups(h.db);
    expect(await loadAnalytics(h.db, filters, "rollups")).toEqual(before);
    expect(before).toEqual(await loadAnalytics(h.db, filters, "runs"));
  });
});
