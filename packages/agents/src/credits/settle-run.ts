import { assertAmount, type SqlSource, toMicros, toSql } from "./amounts";
import { readRunCredits } from "./reserve-credits";

export interface SettlementResult {
  /** False when the run had been settled already: nothing moved this time. */
  isSettled: boolean;
  chargedMicros: number;
  balanceAfterMicros: number;
}

/**
 * Charges the actual cost and returns the rest of the hold, once per run: the run
 * row's settled_at is the guard, re-checked under its row lock, so a replay (a
 * stalled job finishing twice) moves nothing. If the provider used more than was
 * held (an input estimate too low), the excess is charged only as far as the
 * balance allows and the ledger note says so: the balance never goes negative.
 */
export async function settleRun(db: SqlSource, runId: string, actualCostMicros: number): Promise<SettlementResult> {
  assertAmount(actualCostMicros, { isZeroAllowed: true });
  const rows = await toSql(db).query<{ charged: string; balance: string }>(
    `WITH run AS (
       SELECT id, tenant_id, reserved_micros AS held FROM agent_runs
       WHERE id = $1::uuid AND settled_at IS NULL FOR UPDATE
     ), tenant AS (
       SELECT tenants.id, balance_micros FROM tenants JOIN run ON run.tenant_id = tenants.id FOR UPDATE OF tenants
     ), delta AS (
       SELECT GREATEST(run.held - $2::bigint, -tenant.balance_micros) AS amount FROM run, tenant
     ), t AS (
       UPDATE tenants SET balance_micros = tenants.balance_micros + delta.amount
       FROM tenant, delta WHERE tenants.id = tenant.id
       RETURNING tenants.id, tenants.balance_micros
     ), r AS (
       UPDATE agent_runs SET reserved_micros = 0, settled_at = now(), actual_cost_micros = run.held - delta.amount
       FROM run, delta WHERE agent_runs.id = run.id
     ), ledger AS (
       INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
       SELECT t.id, run.id, 'settlement', delta.amount, t.balance_micros, $3,
              CASE WHEN run.held - delta.amount < $2::bigint THEN 'usage exceeded the hold; charged what the balance allowed' END
       FROM t, delta, run
     )
     SELECT run.held - delta.amount AS charged, t.balance_micros AS balance FROM run, delta, t`,
    [runId, actualCostMicros, `settle:${runId}`],
  );
  const row = rows[0];
  if (!row) {
    const { balanceMicros } = await readRunCredits(db, runId);
    return { isSettled: false, chargedMicros: 0, balanceAfterMicros: balanceMicros };
  }
  return { isSettled: true, chargedMicros: toMicros(row.charged), balanceAfterMicros: toMicros(row.balance) };
}
