import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { updateAgentConfig, updateJudgeModel } from "../src/producer/update-agent-config";
import { runAgentJob } from "../src/worker/run-agent-job";
import { createTestTenant } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const db = createPrismaClient();
afterAll(() => db.$disconnect());

const deps = { db, adapterFor: () => createSimulatedAdapter({ latencyMs: [0, 0] }), sleep: () => Promise.resolve() };

/** Runs one caption for the tenant, as the worker would, and returns how the judge treated it. */
async function caption(tenantId: string, topic: string) {
  const { run } = await createAgentRun(db, { tenantId, input: { role: "social-post-writer", topic } });
  await runAgentJob({ runId: run.id, tenantId }, deps, { isFinalAttempt: true });
  return db.agentRun.findUniqueOrThrow({
    where: { id: run.id },
    select: { status: true, judgeStatus: true, judgeModel: true },
  });
}

describe("judge settings, written through the producer and read by the worker", () => {
  it("takes effect on the next run: always on the chosen model, a 0% or 100% sample, and off", async () => {
    const { tenant } = await createTestTenant(db, { balanceMicros: 20_000_000 });
    const config = await db.agentConfig.findUniqueOrThrow({
      where: { tenantId_role: { tenantId: tenant.id, role: "social-post-writer" } },
    });
    const base = { configId: config.id, model: HAIKU, adapter: "simulated", isEnabled: true };
    expect(await caption(tenant.id, "Judge off by the fixture")).toMatchObject({ judgeStatus: "not_sampled" });

    await updateAgentConfig(db, tenant.id, { ...base, judgeMode: "always" });
    expect(await updateJudgeModel(db, tenant.id, { judgeModel: SONNET })).toBe(SONNET);
    expect(await caption(tenant.id, "Judge always, on Sonnet")).toEqual({
      status: "succeeded",
      judgeStatus: "scored",
      judgeModel: SONNET,
    });

    await updateAgentConfig(db, tenant.id, { ...base, judgeMode: "sample", judgeSamplePct: 0 });
    expect(await caption(tenant.id, "A sample of none")).toMatchObject({ judgeStatus: "not_sampled" });
    await updateAgentConfig(db, tenant.id, { ...base, judgeMode: "sample", judgeSamplePct: 100 });
    await updateJudgeModel(db, tenant.id, { judgeModel: HAIKU });
    expect(await caption(tenant.id, "A sample of all")).toMatchObject({ judgeStatus: "scored", judgeModel: HAIKU });

    await updateAgentConfig(db, tenant.id, { ...base, judgeMode: "off" });
    expect(await caption(tenant.id, "Judge off again")).toMatchObject({ judgeStatus: "not_sampled", judgeModel: null });
  });

  it("refuses modes, percentages and models outside what the worker can honour, changing nothing", async () => {
    const { tenant, config } = await createTestTenant(db, { judge: "sample", judgePercent: 35 });
    const base = { configId: config.id, model: HAIKU, adapter: "simulated", isEnabled: true };
    for (const bad of [
      { judgeMode: "sometimes" },
      { judgeSamplePct: 101 },
      { judgeSamplePct: -1 },
      { judgeSamplePct: 12.5 },
      { judgeSamplePct: Number.NaN },
      { judgeSamplePct: "50" },
    ]) {
      await expect(updateAgentConfig(db, tenant.id, { ...base, ...bad })).rejects.toMatchObject({
        code: "invalid_payload",
      });
    }
    for (const judgeModel of ["gpt-4", "claude-3-5-haiku-20241022", "", 3]) {
      await expect(updateJudgeModel(db, tenant.id, { judgeModel })).rejects.toMatchObject({ code: "invalid_payload" });
    }
    await expect(updateJudgeModel(db, tenant.id, { judgeModel: HAIKU, extra: 1 })).rejects.toThrow(/extra/);
    const stored = await db.agentConfig.findUniqueOrThrow({ where: { id: config.id } });
    expect([stored.judgeMode, stored.judgeSamplePct]).toEqual(["sample", 35]);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).judgeModel).toBe(HAIKU);
  });
});
