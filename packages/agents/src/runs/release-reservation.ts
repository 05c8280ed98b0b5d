import { type SqlSource, toMicros, toSql } from "../credits/amounts";
import { isUniqueViolation } from "../credits/grant-credits";

/**
 * Returns a failed attempt's whole hold to the tenant. Keyed per attempt, and a
 * no-op when nothing is held, so calling it twice (or after settlement) moves nothing.
 */
export async function releaseReservation(db: SqlSource, runId: string, attempt: number): Promise<{ releasedMicros: number }> {
  try {
    const rows = await toSql(db).query<{ released: string }>(
      `WITH run AS (
         SELECT id, tenant_id, reserved_micros AS held FROM agent_runs
         WHERE id = $1::uuid AND reserved_micros > 0 FOR UPDATE
       ), t AS (
         UPDATE tenants SET balance_micros = balance_micros + run.held FROM run WHERE tenants.id = run.tenant_id
         RETURNING tenants.id, tenants.balance_micros
       ), r AS (
         UPDATE agent_runs SET reserved_micros = 0 FROM run WHERE agent_runs.id = run.id
       ), ledger AS (
         INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key)
         SELECT t.id, run.id, 'release', run.held, t.balance_micros, $2 FROM t, run
       )
       SELECT run.held AS released FROM run`,
      [runId, `release:${runId}:${attempt}`],
    );
    return { releasedMicros: toMicros(rows[0]?.released) };
  } catch (error) {
    // This attempt released once already; whatever is held now belongs to a later attempt.
    if (isUniqueViolation(error)) return { releasedMicros: 0 };
    throw error;
  }
}
