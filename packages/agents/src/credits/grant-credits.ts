import { TenantNotFoundError } from "../lib/errors";
import { assertAmount, toMicros, type SqlClient } from "./amounts";

export interface GrantCreditsOptions {
  tenantId: string;
  amountMicros: number;
  /** Same key twice grants once (for example an invoice or payment id). */
  idempotencyKey: string;
  note?: string;
}

/** Adds credits and records the grant; replaying the same key returns the current balance. */
export async function grantCredits(db: SqlClient, options: GrantCreditsOptions): Promise<{ balanceMicros: number; isDuplicate: boolean }> {
  const { tenantId, amountMicros, idempotencyKey, note } = options;
  assertAmount(amountMicros);
  const key = `grant:${idempotencyKey}`;
  try {
    const rows = await db.$queryRaw<{ balance: bigint }[]>`
      WITH t AS (
        UPDATE tenants SET balance_micros = balance_micros + ${amountMicros}::bigint
        WHERE id = ${tenantId}::uuid
        RETURNING id, balance_micros
      )
      INSERT INTO credit_ledger_entries (tenant_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
      SELECT t.id, 'grant', ${amountMicros}::bigint, t.balance_micros, ${key}, ${note ?? null} FROM t
      RETURNING balance_after_micros AS balance`;
    if (rows[0]) return { balanceMicros: toMicros(rows[0].balance), isDuplicate: false };
    throw new TenantNotFoundError(tenantId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { balanceMicros: await readBalance(db, tenantId), isDuplicate: true };
  }
}

export async function readBalance(db: SqlClient, tenantId: string): Promise<number> {
  const rows = await db.$queryRaw<{ balance: bigint }[]>`
    SELECT balance_micros AS balance FROM tenants WHERE id = ${tenantId}::uuid`;
  if (!rows[0]) throw new TenantNotFoundError(tenantId);
  return toMicros(rows[0].balance);
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return text.includes("23505") || /unique constraint/i.test(text);
}
