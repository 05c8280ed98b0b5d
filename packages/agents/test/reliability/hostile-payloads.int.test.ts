import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../../src/adapters/simulated-adapter";
import { enqueueAgentJob } from "../../src/producer/enqueue-agent-job";
import { AGENT_JOB_NAME, LANE_NAMES } from "../../src/queues/queue-registry";
import { createTestRuns, createTestTenant } from "../fixtures";
import { type Harness, startHarness } from "../harness";
import { auditTenants } from "./audit";
import { HOSTILE_STRINGS } from "./hostile-strings";
import { recordScenario, scale } from "./scenario-report";

const GENERATED = scale(300, 3000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0] }), concurrency: 20 });
});
afterAll(() => h.close());

describe("reliability: hostile queue payloads", () => {
  it(`fails ${GENERATED}+ malformed jobs at once, charges nothing, pollutes nothing, and keeps working`, async () => {
    const victim = await createTestTenant(h.db, { balanceMicros: 50_000_000 });
    const other = await createTestTenant(h.db, { balanceMicros: 50_000_000 });
    const [victimRun] = await createTestRuns(h.db, victim.tenant.id, victim.config.id, 1);
    const generated = fc.sample(
      fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: false }),
      GENERATED,
    );
    const crafted: unknown[] = [
      ...HOSTILE_STRINGS.map((s) => ({ runId: s, tenantId: s })),
      JSON.parse('{"__proto__": {"polluted": true}, "runId": "x"}'),
      { constructor: { prototype: { polluted: true } } },
      { runId: victimRun, tenantId: other.tenant.id },
      { runId: victimRun, tenantId: victim.tenant.id, extra: "unexpected key" },
      { runId: randomUUID(), tenantId: victim.tenant.id },
      null,
      [],
      "a string",
      42,
    ];
    const payloads = [...crafted, ...generated];
    for (let i = 0; i < payloads.length; i += 500) {
      await h.queues.lanes[LANE_NAMES[i % 3]!].addBulk(
        payloads
          .slice(i, i + 500)
          .map((data) => ({ name: AGENT_JOB_NAME, data, opts: { attempts: 3, removeOnFail: false } })),
      );
    }
    const total = payloads.length;
    let failed = 0;
    for (let i = 0; i < 600 && failed < total; i++) {
      await new Promise((r) => setTimeout(r, 100));
      failed = (await Promise.all(LANE_NAMES.map((lane) => h.queues.lanes[lane].getFailedCount()))).reduce(
        (a, b) => a + b,
        0,
      );
    }
    const failedJobs = (await Promise.all(LANE_NAMES.map((lane) => h.queues.lanes[lane].getFailed(0, -1)))).flat();
    const retried = failedJobs.filter((j) => j.attemptsMade > 1).length;
    // BullMQ declares failedReason a string, but it is whatever the job hash in Redis holds, possibly nothing.
    const reasonOf = (j: { failedReason?: string }) => j.failedReason ?? "";
    const unclear = failedJobs.filter((j) => !/Invalid agent job payload|does not exist/i.test(reasonOf(j))).length;
    const polluted = ({} as Record<string, unknown>).polluted !== undefined ? 1 : 0;

    // Still serving: a real job afterwards runs and is charged once.
    const { run } = await enqueueAgentJob(h, {
      tenantId: victim.tenant.id,
      input: { role: "email-writer", topic: "Still standing after the fuzz" },
    });
    const [after] = await h.waitForRuns([run.id]);
    const audit = await auditTenants(h.db, [victim.tenant.id, other.tenant.id]);
    const victimRow = await h.db.agentRun.findUniqueOrThrow({ where: { id: victimRun! } });
    recordScenario("5a hostile queue payloads", {
      tried: { payloads: total, generated: generated.length, crafted: crafted.length },
      found: { failedAtOnce: failedJobs.length - retried, jobAfterwards: after!.status },
      lost: {
        notFailed: total - failedJobs.length,
        retriedAnyway: retried,
        failedWithoutClearReason: unclear,
        prototypePolluted: polluted,
        otherTenantsRunTouched: victimRow.status === "queued" && victimRow.attempts === 0 ? 0 : 1,
        chargesFromBadPayloads:
          (await h.db.creditLedgerEntry.count({
            where: { tenantId: { in: [victim.tenant.id, other.tenant.id] }, kind: "reservation" },
          })) - 1,
        ...audit.lost,
        unfinished: audit.lost.unfinished! - 1,
      },
    });
    expect(failedJobs).toHaveLength(total);
    expect(retried).toBe(0);
    expect(unclear).toBe(0);
    expect(polluted).toBe(0);
    expect(after!.status).toBe("succeeded");
    expect(victimRow).toMatchObject({ status: "queued", attempts: 0 });
  }, 300_000);
});
