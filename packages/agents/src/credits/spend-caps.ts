import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError, TenantNotFoundError } from "../lib/errors";
import { toMicros } from "./amounts";

/** The highest cap a form may set: far above any tenant's real spend, low enough to stay exact in a double. */
export const MAX_CAP_USD = 1_000_000;

const CapUsdSchema = z
  .number()
  .positive("a cap is above zero (leave it empty for none)")
  .max(MAX_CAP_USD, `at most $${MAX_CAP_USD.toLocaleString("en-US")}`)
  .refine((usd) => Math.abs(usd * 1e6 - Math.round(usd * 1e6)) < 1e-6, {
    message: "at most six decimals (whole micro-dollars)",
  })
  .nullable();

/** Daily and monthly caps in USD; null removes a cap. Both are UTC periods. */
export const SpendCapsSchema = z.object({ dailyCapUsd: CapUsdSchema, monthlyCapUsd: CapUsdSchema }).strict();
export type SpendCapsInput = z.input<typeof SpendCapsSchema>;

const toCapMicros = (usd: number | null) => (usd == null ? null : BigInt(Math.round(usd * 1_000_000)));

/**
 * Sets a tenant's spend caps. A new cap applies to the next hold; holds already taken stay, so a cap set
 * below today's spend refuses new work until the period turns, and never claws back what is held.
 */
export async function setSpendCaps(db: PrismaClient, tenantId: string, input: unknown): Promise<SpendPosition> {
  const parsed = SpendCapsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("spend caps", describeIssues(parsed.error.issues, "body"));
  const { count } = await db.tenant.updateMany({
    where: { id: tenantId },
    data: {
      dailyCapMicros: toCapMicros(parsed.data.dailyCapUsd),
      monthlyCapMicros: toCapMicros(parsed.data.monthlyCapUsd),
    },
  });
  if (count === 0) throw new TenantNotFoundError(tenantId);
  const [position] = await readSpendPositions(db, [tenantId]);
  if (!position) throw new TenantNotFoundError(tenantId);
  return position;
}

/** Where a tenant stands against its caps in the current UTC day and month (spend = settled + held). */
export interface SpendPosition {
  tenantId: string;
  dailyCapMicros: number | null;
  spentTodayMicros: number;
  monthlyCapMicros: number | null;
  spentThisMonthMicros: number;
}

const sameUtcDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
const sameUtcMonth = (a: Date, b: Date) => a.toISOString().slice(0, 7) === b.toISOString().slice(0, 7);

/** The tenants' positions; a counter of a period that has passed reads as zero, as the hold reads it. */
export async function readSpendPositions(
  db: PrismaClient,
  tenantIds: string[],
  now = new Date(),
): Promise<SpendPosition[]> {
  const rows = await db.tenant.findMany({
    where: { id: { in: tenantIds } },
    select: {
      id: true,
      dailyCapMicros: true,
      monthlyCapMicros: true,
      spendDay: true,
      spendDayMicros: true,
      spendMonth: true,
      spendMonthMicros: true,
    },
  });
  return rows.map((t) => ({
    tenantId: t.id,
    dailyCapMicros: t.dailyCapMicros == null ? null : toMicros(t.dailyCapMicros),
    spentTodayMicros: sameUtcDay(t.spendDay, now) ? toMicros(t.spendDayMicros) : 0,
    monthlyCapMicros: t.monthlyCapMicros == null ? null : toMicros(t.monthlyCapMicros),
    spentThisMonthMicros: sameUtcMonth(t.spendMonth, now) ? toMicros(t.spendMonthMicros) : 0,
  }));
}
