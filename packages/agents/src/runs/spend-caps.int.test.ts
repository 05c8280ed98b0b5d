import { createDatabase } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant, ledgerSum, testRunResult } from "../../test/fixtures";
import { readBalance, readSpendPositions } from "../credits";
import { extendHold, failRun, settleRun, startAttempt } from ".";

const database = createDatabase({ poolSize: 20 });
const { prisma: db, sql } = database;
afterAll(() => database.disconnect());

async function cappedTenant(runs: number, caps: { daily?: number; monthly?: number }, balanceMicros = 10_000_000) {
  const { tenant, config } = await createTestTenant(db, { balanceMicros });
  await db.tenant.update({
    where: { id: tenant.id },
    data: { dailyCapMicros: caps.daily ?? null, monthlyCapMicros: caps.monthly ?? null },
  });
  const runIds = await createTestRuns(db, tenant.id, config.id, runs);
  return { tenantId: tenant.id, runIds };
}

const position = async (tenantId: string) => (await readSpendPositions(db, [tenantId]))[0]!;

/** What the tenant's runs hold and were charged, from the runs themselves: what the counters must equal. */
async function spendFromRuns(tenantId: string) {
  const runs = await db.agentRun.findMany({ where: { tenantId } });
  return runs.reduce((sum, r) => sum + Number(r.reservedMicros) + Number(r.actualCostMicros ?? 0n), 0);
}

describe("spend caps in the hold statement", () => {
  it("lets exactly the 50 holds under a daily cap through of 200 concurrent ones, with credits for all", async () => {
    const { tenantId, runIds } = await cappedTenant(200, { daily: 50_000 });
    const results = await Promise.all(
      runIds.map((runId) => startAttempt(sql, { runId, amountMicros: 1000, attempt: 1 })),
    );
    const refused = results.filter((r) => !r.isStarted && !r.isSuperseded);
    expect(results.filter((r) => r.isStarted)).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(refused.every((r) => "limit" in r && r.limit === "daily_cap")).toBe(true);
    expect(await position(tenantId)).toMatchObject({ dailyCapMicros: 50_000, spentTodayMicros: 50_000 });
    expect(await readBalance(db, tenantId)).toBe(10_000_000 - 50_000);
    // Nothing of a refused hold was written.
    expect(await db.creditLedgerEntry.count({ where: { tenantId, kind: "reservation" } })).toBe(50);
  });

  it("counts settled charges and open holds, so settling for less frees exactly the difference", async () => {
    const { tenantId, runIds } = await cappedTenant(12, { daily: 10_000 });
    const [a, b, ...rest] = runIds as [string, string, ...string[]];
    await startAttempt(sql, { runId: a, amountMicros: 4000, attempt: 1 });
    await startAttempt(sql, { runId: b, amountMicros: 4000, attempt: 1 });
    await settleRun(sql, a, 1500, testRunResult());
    // 1500 charged + 4000 held: 4500 left under the cap.
    expect((await position(tenantId)).spentTodayMicros).toBe(5500);
    const more = await Promise.all(rest.map((runId) => startAttempt(sql, { runId, amountMicros: 1000, attempt: 1 })));
    expect(more.filter((r) => r.isStarted)).toHaveLength(4);
    await failRun(sql, b, 1, "provider down");
    // The failed run's hold left the day's spend with the balance's release.
    expect((await position(tenantId)).spentTodayMicros).toBe(5500 + 4000 - 4000);
    expect((await position(tenantId)).spentTodayMicros).toBe(await spendFromRuns(tenantId));
    expect(await ledgerSum(db, tenantId)).toBe(await readBalance(db, tenantId));
  });

  it("refuses a monthly cap the same way, and names which cap refused", async () => {
    const { tenantId, runIds } = await cappedTenant(3, { daily: 100_000, monthly: 2500 });
    expect(await startAttempt(sql, { runId: runIds[0]!, amountMicros: 2000, attempt: 1 })).toMatchObject({
      isStarted: true,
      caps: [
        { period: "daily", capMicros: 100_000, spentMicros: 2000 },
        { period: "monthly", capMicros: 2500, spentMicros: 2000 },
      ],
    });
    expect(await startAttempt(sql, { runId: runIds[1]!, amountMicros: 600, attempt: 1 })).toMatchObject({
      isStarted: false,
      limit: "monthly_cap",
    });
    expect(await startAttempt(sql, { runId: runIds[2]!, amountMicros: 500, attempt: 1 })).toMatchObject({
      isStarted: true,
    });
    expect((await position(tenantId)).spentThisMonthMicros).toBe(2500);
  });

  it("says the balance refused when the balance is the shorter limit", async () => {
    const { runIds } = await cappedTenant(1, { daily: 100_000 }, 500);
    expect(await startAttempt(sql, { runId: runIds[0]!, amountMicros: 800, attempt: 1 })).toMatchObject({
      isStarted: false,
      limit: "balance",
    });
  });

  it("never refuses a zero hold, which only returns a crashed attempt's hold, even over a lowered cap", async () => {
    const { tenantId, runIds } = await cappedTenant(1, { daily: 10_000 });
    const runId = runIds[0]!;
    await startAttempt(sql, { runId, amountMicros: 6000, attempt: 1 });
    await db.tenant.update({ where: { id: tenantId }, data: { dailyCapMicros: 1000 } });
    expect(await startAttempt(sql, { runId, amountMicros: 0, attempt: 2 })).toMatchObject({ isStarted: true });
    expect((await position(tenantId)).spentTodayMicros).toBe(0);
  });

  it("extends a hold only within the cap", async () => {
    const { tenantId, runIds } = await cappedTenant(1, { daily: 5000 });
    const runId = runIds[0]!;
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    expect(await extendHold(sql, runId, 1, 2500, "continuation")).toBe(false);
    expect(await extendHold(sql, runId, 1, 2000, "continuation")).toBe(true);
    expect((await position(tenantId)).spentTodayMicros).toBe(5000);
  });

  it("charges usage above the hold only as far as the cap allows (not one micro-dollar past it)", async () => {
    const { tenantId, runIds } = await cappedTenant(1, { daily: 5000 });
    const runId = runIds[0]!;
    await startAttempt(sql, { runId, amountMicros: 4000, attempt: 1 });
    const settled = await settleRun(sql, runId, 7000, testRunResult());
    expect(settled.chargedMicros).toBe(5000);
    expect((await position(tenantId)).spentTodayMicros).toBe(5000);
    const note = await db.creditLedgerEntry.findFirstOrThrow({ where: { runId, kind: "settlement" } });
    expect(note.note).toContain("spend caps");
  });

  it("closes a day at midnight UTC: yesterday's hold settles into yesterday and today starts at zero", async () => {
    const { tenantId, runIds } = await cappedTenant(2, { daily: 5000 });
    const [old, fresh] = runIds as [string, string];
    await startAttempt(sql, { runId: old, amountMicros: 4000, attempt: 1 });
    // Turn the clock back on the hold and the counters: as if it were taken yesterday.
    await sql.query(`UPDATE agent_runs SET held_on = held_on - 1 WHERE id = $1`, [old]);
    await sql.query(`UPDATE tenants SET spend_day = spend_day - 1 WHERE id = $1`, [tenantId]);
    expect((await position(tenantId)).spentTodayMicros).toBe(0);
    expect(await startAttempt(sql, { runId: fresh, amountMicros: 5000, attempt: 1 })).toMatchObject({
      isStarted: true,
    });
    // Settling yesterday's hold for less moves today's spend not at all.
    await settleRun(sql, old, 1000, testRunResult());
    expect((await position(tenantId)).spentTodayMicros).toBe(5000);
  });
});
