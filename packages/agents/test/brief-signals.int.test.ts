import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { createLocalProvider } from "../src/specialists";
import type { SpecialistProvider } from "../src/specialists";
import { runAgentJob } from "../src/worker/run-agent-job";
import { createTestTenant } from "./fixtures";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const ANALYSIS_BRIEF =
  "Compare the Ridgeline 28 with last year's pack and explain why returns fell in Q3, with the data behind it.";
const deep = {
  role: "blog-writer",
  topic: "Why our returns fell",
  brief: ANALYSIS_BRIEF,
  outputLengthTarget: 2500,
} as const;

async function tenantWith({ applyBriefAnalysis }: { applyBriefAnalysis: boolean }) {
  const { tenant } = await createTestTenant(db, { balanceMicros: 50_000_000 });
  await db.agentConfig.updateMany({
    where: { tenantId: tenant.id },
    data: { applyBriefAnalysis, promptSettings: { voice: "plain", products: ["Ridgeline 28", "Summit Shell"] } },
  });
  return tenant;
}

async function runTask(tenantId: string, input: object, specialists?: SpecialistProvider) {
  const { run } = await createAgentRun(db, { tenantId, input }, specialists);
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
  await runAgentJob({ runId: run.id, tenantId }, { db, adapterFor: () => adapter }, { isFinalAttempt: true });
  return db.agentRun.findUniqueOrThrow({ where: { id: run.id }, include: { content: true } });
}

const signalsOf = (row: { routingSignals: unknown }) =>
  (row.routingSignals as { inputs: { brief?: Record<string, unknown>; requiresReasoning: boolean } }).inputs;

describe("briefs read for what they ask", () => {
  it("moves a long blog from standard to complex on an analysis cue when the role allows it, saying so", async () => {
    const tenant = await tenantWith({ applyBriefAnalysis: true });
    const row = await runTask(tenant.id, deep);
    expect(row.briefSignals).toMatchObject({
      products: ["Ridgeline 28"],
      needsAnalysis: true,
      source: { provider: "local" },
    });
    expect(row.taskComplexity).toBe("complex");
    expect(row.modelRouteReason).toBe("brief:complex");
    expect(signalsOf(row)).toMatchObject({
      requiresReasoning: true,
      brief: { proposesReasoning: true, isApplied: true, tierWithoutBrief: "standard" },
    });
  });

  it("records the proposal but keeps the tier when the role's policy does not allow it", async () => {
    const tenant = await tenantWith({ applyBriefAnalysis: false });
    const row = await runTask(tenant.id, deep);
    expect(row.taskComplexity).toBe("standard");
    expect(row.modelRouteReason).toBe("complexity:standard");
    expect(signalsOf(row)).toMatchObject({
      requiresReasoning: false,
      brief: { needsAnalysis: true, proposesReasoning: true, isApplied: false },
    });
  });

  it("fails the checks of a piece that leaves out a product the brief named", async () => {
    const tenant = await tenantWith({ applyBriefAnalysis: false });
    const row = await runTask(tenant.id, { role: "social-post-writer", topic: "Meet the Summit Shell" });
    const checks = row.content?.qualityChecks as { name: string; isPassed: boolean; detail: string }[];
    const item = checks.find((c) => c.name === "brief_items");
    expect(item).toBeDefined();
    const body = row.content?.body.toLowerCase() ?? "";
    // The simulated prose may or may not name it; the check must say exactly which.
    expect(item?.isPassed).toBe(body.includes("summit shell"));
    if (!item?.isPassed) expect(item?.detail).toMatch(/missing what the brief named: Summit Shell/);
  });

  it("still takes the job when the specialist layer is down, and records why there are no signals", async () => {
    const tenant = await tenantWith({ applyBriefAnalysis: true });
    const local = createLocalProvider();
    const down: SpecialistProvider = {
      ...local,
      name: "sie",
      extract: () => Promise.reject(new Error("SIE unavailable: 503")),
    };
    const row = await runTask(tenant.id, deep, down);
    expect(row.briefSignals).toEqual({ error: "brief not read: SIE unavailable: 503" });
    expect(row.status).toBe("succeeded");
    expect(row.taskComplexity).toBe("standard");
    expect(signalsOf(row).brief).toBeUndefined();
  });
});
