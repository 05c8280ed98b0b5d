import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestTenant } from "../../test/fixtures";
import { InvalidAmountError, TenantNotFoundError } from "../lib/errors";
import { grantCredits } from ".";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

describe("credit grants", () => {
  it("grants once per idempotency key", async () => {
    const { tenant } = await createTestTenant(db);
    const first = await grantCredits(db, {
      tenantId: tenant.id,
      amountMicros: 700,
      idempotencyKey: `inv-${tenant.id}`,
    });
    const again = await grantCredits(db, {
      tenantId: tenant.id,
      amountMicros: 700,
      idempotencyKey: `inv-${tenant.id}`,
    });
    expect(first).toEqual({ balanceMicros: 700, isDuplicate: false });
    expect(again).toEqual({ balanceMicros: 700, isDuplicate: true });
  });

  it.each([-5, 0, 1.5, Number.NaN, 2 ** 60])("rejects the amount %s and writes nothing", async (amount) => {
    const { tenant } = await createTestTenant(db);
    await expect(grantCredits(db, { tenantId: tenant.id, amountMicros: amount, idempotencyKey: "x" })).rejects.toThrow(
      InvalidAmountError,
    );
    expect(await db.creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("rejects a tenant that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(grantCredits(db, { tenantId: missing, amountMicros: 5, idempotencyKey: "nope" })).rejects.toThrow(
      TenantNotFoundError,
    );
  });
});
