import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant, ledgerSum } from "../../test/fixtures";
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
    const settlements = await Promise.all([1, 2, 3].map(() => settleRun(db, runId!, 1500)));
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
    const settlement = await settleRun(db, runId!, 5000);
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
