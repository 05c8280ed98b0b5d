import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant, ledgerSum, testRunResult } from "../../test/fixtures";
import { InvalidAmountError, TenantNotFoundError } from "../lib/errors";
import { grantCredits, readBalance, readRunCredits, releaseReservation, reserveCredits, settleRun } from ".";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

describe("credit escrow against PostgreSQL", () => {
  it("lets exactly the affordable 50 of 200 concurrent reservations through", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 50 * 1000 });
    const runIds = await createTestRuns(db, tenant.id, config.id, 200);
    const results = await Promise.all(runIds.map((runId) => reserveCredits(db, { runId, amountMicros: 1000, attempt: 1 })));
    expect(results.filter((r) => r.isReserved)).toHaveLength(50);
    const balancesSeen = results.map((r) => (r.isReserved ? r.balanceAfterMicros : r.balanceMicros));
    expect(Math.min(...balancesSeen)).toBeGreaterThanOrEqual(0);
    expect(await readBalance(db, tenant.id)).toBe(0);
    expect(await ledgerSum(db, tenant.id)).toBe(0);
  });

  it("settles once however often settlement is replayed", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 10_000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    await reserveCredits(db, { runId: runId!, amountMicros: 4000, attempt: 1 });
    const settlements = await Promise.all([1, 2, 3].map(() => settleRun(db, runId!, 1500, testRunResult())));
    expect(settlements.filter((s) => s.isSettled)).toHaveLength(1);
    expect(await readBalance(db, tenant.id)).toBe(8500);
    expect(await ledgerSum(db, tenant.id)).toBe(8500);
    expect(await readRunCredits(db, runId!)).toEqual({ reservedMicros: 0, balanceMicros: 8500 });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(Number(run.actualCostMicros)).toBe(1500);
  });

  it("charges usage above the hold only as far as the balance allows", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 1000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    await reserveCredits(db, { runId: runId!, amountMicros: 800, attempt: 1 });
    const settlement = await settleRun(db, runId!, 5000, testRunResult());
    expect(settlement).toMatchObject({ isSettled: true, chargedMicros: 1000, balanceAfterMicros: 0 });
    expect(await ledgerSum(db, tenant.id)).toBe(0);
  });

  it("releases a failed attempt's hold, once", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 5000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    await reserveCredits(db, { runId: runId!, amountMicros: 3000, attempt: 1 });
    expect(await readBalance(db, tenant.id)).toBe(2000);
    expect(await releaseReservation(db, runId!, 1)).toEqual({ releasedMicros: 3000 });
    expect(await releaseReservation(db, runId!, 1)).toEqual({ releasedMicros: 0 });
    expect(await readBalance(db, tenant.id)).toBe(5000);
    expect(await ledgerSum(db, tenant.id)).toBe(5000);
    const kinds = await db.creditLedgerEntry.findMany({ where: { runId: runId! }, orderBy: { id: "asc" }, select: { kind: true } });
    expect(kinds.map((k) => k.kind)).toEqual(["reservation", "release"]);
  });

  it("starts an attempt once: a second start of the same attempt is superseded and holds nothing", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 10_000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    const starts = await Promise.all([1, 2, 3].map(() => reserveCredits(db, { runId: runId!, amountMicros: 1000, attempt: 1 })));
    expect(starts.filter((s) => s.isReserved)).toHaveLength(1);
    expect(starts.filter((s) => !s.isReserved && s.isSuperseded)).toHaveLength(2);
    expect(await readBalance(db, tenant.id)).toBe(9000);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId! } });
    expect({ status: run.status, attempts: run.attempts, reserved: Number(run.reservedMicros) }).toEqual({ status: "running", attempts: 1, reserved: 1000 });
  });

  it("returns a crashed attempt's hold when the next attempt takes its own, in one movement", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 10_000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    await reserveCredits(db, { runId: runId!, amountMicros: 3000, attempt: 1 });
    // Attempt 1 died mid-call; attempt 2 holds less (say, after a downgrade).
    expect(await reserveCredits(db, { runId: runId!, amountMicros: 2000, attempt: 2 })).toEqual({ isReserved: true, balanceAfterMicros: 8000 });
    expect(await readRunCredits(db, runId!)).toEqual({ reservedMicros: 2000, balanceMicros: 8000 });
    const entries = await db.creditLedgerEntry.findMany({ where: { runId: runId! }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, Number(e.amountMicros), Number(e.balanceAfterMicros)])).toEqual([
      ["reservation", -3000, 7000],
      ["release", 3000, 10_000],
      ["reservation", -2000, 8000],
    ]);
    expect(await ledgerSum(db, tenant.id)).toBe(8000);
  });

  it("leaves everything untouched when the tenant cannot afford the hold", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 500 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    expect(await reserveCredits(db, { runId: runId!, amountMicros: 800, attempt: 1 })).toEqual({ isReserved: false, balanceMicros: 500, isSuperseded: false });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId! } });
    expect({ status: run.status, attempts: run.attempts }).toEqual({ status: "queued", attempts: 0 });
    expect(await db.creditLedgerEntry.count({ where: { runId: runId! } })).toBe(0);
  });

  it("stores the content, marks the run succeeded and counts it in its rollup with the charge", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 10_000 });
    const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
    await reserveCredits(db, { runId: runId!, amountMicros: 4000, attempt: 1 });
    await settleRun(db, runId!, 1500, testRunResult());
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId! }, include: { content: true } });
    expect({ status: run.status, model: run.modelRoutedTo, quality: run.qualityScore, body: run.content?.body }).toEqual({
      status: "succeeded", model: "claude-haiku-4-5-20251001", quality: 80, body: "Settled text.",
    });
    const rollup = await db.runRollup.findFirstOrThrow({ where: { tenantId: tenant.id, status: "succeeded" } });
    expect({ runs: rollup.runs, actual: Number(rollup.actualCostMicros) }).toEqual({ runs: 1, actual: 1500 });
  });

  it("grants once per idempotency key", async () => {
    const { tenant } = await createTestTenant(db);
    const first = await grantCredits(db, { tenantId: tenant.id, amountMicros: 700, idempotencyKey: `inv-${tenant.id}` });
    const again = await grantCredits(db, { tenantId: tenant.id, amountMicros: 700, idempotencyKey: `inv-${tenant.id}` });
    expect(first).toEqual({ balanceMicros: 700, isDuplicate: false });
    expect(again).toEqual({ balanceMicros: 700, isDuplicate: true });
  });

  it.each([-5, 0, 1.5, Number.NaN, 2 ** 60])("rejects the amount %s and writes nothing", async (amount) => {
    const { tenant } = await createTestTenant(db);
    await expect(grantCredits(db, { tenantId: tenant.id, amountMicros: amount, idempotencyKey: "x" })).rejects.toThrow(InvalidAmountError);
    expect(await db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("rejects a tenant that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(grantCredits(db, { tenantId: missing, amountMicros: 5, idempotencyKey: "nope" })).rejects.toThrow(TenantNotFoundError);
  });
});
