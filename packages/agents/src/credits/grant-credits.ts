import { TenantNotFoundError } from "../lib/errors";
import { assertAmount, type SqlSource, toMicros, toSql } from "./amounts";

export interface GrantCreditsOptions {
  tenantId: string;
  amountMicros: number;
  /** Same key twice grants once (for example an invoice or payment id). */
  idempotencyKey: string;
  note?: string;
}

/** Adds credits and records the grant; replaying the same key returns the current balance. */
export async function grantCredits(db: SqlSource, options: GrantCreditsOptions): Promise<{ balanceMicros: number; isDuplicate: boolean }> {
  const { tenantId, amountMicros, idempotencyKey, note } = options;
  assertAmount(amountMicros);
  try {
    const rows = await toSql(db).query<{ balance: string }>(
      `WITH t AS (
         UPDATE tenants SET balance_micros = balance_micros + $2::bigint WHERE id = $1::uuid RETURNING id, balance_micros
       )
       INSERT INTO credit_ledger_entries (tenant_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
       SELECT t.id, 'grant', $2::bigint, t.balance_micros, $3, $4 FROM t
       RETURNING balance_after_micros AS balance`,
      [tenantId, amountMicros, `grant:${idempotencyKey}`, note ?? null],
    );
    if (rows[0]) return { balanceMicros: toMicros(rows[0].balance), isDuplicate: false };
    throw new TenantNotFoundError(tenantId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { balanceMicros: await readBalance(db, tenantId), isDuplicate: true };
  }
}

export async function readBalance(db: SqlSource, tenantId: string): Promise<number> {
  const rows = await toSql(db).query<{ balance: string }>(`SELECT balance_micros AS balance FROM tenants WHERE id = $1::uuid`, [tenantId]);
  if (!rows[0]) throw new TenantNotFoundError(tenantId);
  return toMicros(rows[0].balance);
}

export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "23505" || String(message ?? error).includes("23505") || /unique constraint/i.test(String(message ?? error));
}
