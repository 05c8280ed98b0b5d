import { ledgerKind, prepareTyped, runQuery, runTyped, type SqlSource, toSql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { TenantNotFoundError } from "../lib/errors";
import { assertAmount, toMicros } from "./amounts";

export interface GrantCreditsOptions {
  tenantId: string;
  amountMicros: number;
  /** Same key twice grants once (for example an invoice or payment id). */
  idempotencyKey: string;
  note?: string;
}

interface GrantParams extends Record<string, unknown> {
  tenantId: string;
  amount: number;
  key: string;
  note: string | null;
}

/** The balance and its ledger entry move together; the entry's unique key makes a replay fail whole. */
const GRANT = prepareTyped("grant-credits", (p: GrantParams) =>
  typedSql
    .with("t", (db) =>
      db
        .updateTable("tenants")
        .set({ balance_micros: sql`tenants.balance_micros + ${p.amount}::bigint` })
        .where("tenants.id", "=", p.tenantId)
        .returning(["tenants.id", "tenants.balance_micros"]),
    )
    .insertInto("credit_ledger_entries")
    .columns(["tenant_id", "kind", "amount_micros", "balance_after_micros", "idempotency_key", "note"])
    .expression((eb) =>
      eb
        .selectFrom("t")
        .select([
          "t.id as tenant_id",
          ledgerKind("grant").as("kind"),
          sql<string>`${p.amount}::bigint`.as("amount_micros"),
          "t.balance_micros as balance_after_micros",
          sql<string>`${p.key}::text`.as("idempotency_key"),
          sql<string | null>`${p.note}::text`.as("note"),
        ]),
    )
    .returning("balance_after_micros"),
);

/** Adds credits and records the grant; replaying the same key returns the current balance. */
export async function grantCredits(
  db: SqlSource,
  options: GrantCreditsOptions,
): Promise<{ balanceMicros: number; isDuplicate: boolean }> {
  const { tenantId, amountMicros, idempotencyKey, note } = options;
  assertAmount(amountMicros);
  try {
    const [row] = await runTyped(toSql(db), GRANT, {
      tenantId,
      amount: amountMicros,
      key: `grant:${idempotencyKey}`,
      note: note ?? null,
    });
    if (row) return { balanceMicros: toMicros(row.balance_after_micros), isDuplicate: false };
    throw new TenantNotFoundError(tenantId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { balanceMicros: await readBalance(db, tenantId), isDuplicate: true };
  }
}

export async function readBalance(db: SqlSource, tenantId: string): Promise<number> {
  const [row] = await runQuery(
    toSql(db),
    typedSql.selectFrom("tenants").select("balance_micros").where("id", "=", tenantId),
  );
  if (!row) throw new TenantNotFoundError(tenantId);
  return toMicros(row.balance_micros);
}

export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "23505" ||
    String(message ?? error).includes("23505") ||
    /unique constraint/i.test(String(message ?? error))
  );
}
