import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../../src/adapters/simulated-adapter";
import type { LlmAdapter } from "../../src/adapters/types";
import { enqueueAgentJob } from "../../src/producer/enqueue-agent-job";
import { estimateInputTokens } from "../../src/lib/model-catalog";
import { createTestTenant } from "../fixtures";
import { type Harness, startHarness } from "../harness";
import { auditTenants } from "./audit";
import { recordScenario, scale } from "./scenario-report";

const JOBS = scale(300, 1000);
const BALANCE = scale(400_000, 3_000_000);

/** Uses every token it was allowed, so a run costs exactly its hold and "affordable" is exact. */
function fullCostAdapter(): LlmAdapter {
  const inner = createSimulatedAdapter({ latencyMs: [5, 30] });
  return {
    name: "simulated",
    async generate(request) {
      const result = await inner.generate(request);
      const promptChars = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0);
      return { ...result, usage: { inputTokens: estimateInputTokens(promptChars), outputTokens: request.maxTokens } };
    },
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: fullCostAdapter(), concurrency: 100 });
});
afterAll(() => h.close());

describe("reliability: credit races", () => {
  it(`runs exactly the affordable share of ${JOBS} concurrent jobs on one tenant, refusing the rest`, async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: BALANCE });
    const runs = await Promise.all(
      Array.from({ length: JOBS }, (_, i) =>
        enqueueAgentJob(h, {
          tenantId: tenant.id,
          input: { role: "social-post-writer", topic: `Race caption ${String(i).padStart(4, "0")}` },
        }).then((r) => r.run),
      ),
    );
    const done = await h.waitForRuns(
      runs.map((r) => r.id),
      scale(60_000, 180_000),
    );
    const succeeded = done.filter((r) => r.status === "succeeded");
    const refused = done.filter((r) => r.status === "refused_credits");
    const costs = new Set(succeeded.map((r) => Number(r.actualCostMicros)));
    const hold = Number(succeeded[0]?.actualCostMicros ?? 0);
    const affordable = Math.floor(BALANCE / hold);
    const [lowest] = await h.db.$queryRaw<
      { min: bigint }[]
    >`SELECT min(balance_after_micros) AS min FROM credit_ledger_entries WHERE tenant_id = ${tenant.id}::uuid`;
    const audit = await auditTenants(h.db, [tenant.id]);
    const unclear = refused.filter((r) => !/credit|balance/i.test(r.error ?? "")).length;
    recordScenario("4 credit races", {
      tried: { concurrentJobs: JOBS, balanceMicros: BALANCE, costPerJobMicros: hold, affordable },
      found: { ...audit.found, lowestBalanceMicros: Number(lowest!.min) },
      lost: {
        ...audit.lost,
        ranBeyondBalance: Math.max(0, succeeded.length - affordable),
        refusedThoughAffordable: Math.max(0, affordable - succeeded.length),
        refusedWithoutClearReason: unclear,
      },
    });
    expect(costs.size).toBe(1);
    expect(succeeded).toHaveLength(affordable);
    expect(refused).toHaveLength(JOBS - affordable);
    expect(unclear).toBe(0);
    expect(Number(lowest!.min)).toBeGreaterThanOrEqual(0);
    expect(
      Object.values(audit.lost).every((v) => v === 0),
      JSON.stringify(audit.lost),
    ).toBe(true);
  }, 300_000);
});
