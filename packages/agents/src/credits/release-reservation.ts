import { toMicros, type SqlClient } from "./amounts";
import { isUniqueViolation } from "./grant-credits";

/**
 * Returns a failed attempt's whole hold to the tenant. Keyed per attempt, and a
 * no-op when nothing is held, so calling it twice (or after settlement) moves nothing.
 */
export async function releaseReservation(db: SqlClient, runId: string, attempt: number): Promise<{ releasedMicros: number }> {
  let rows: { released: bigint }[];
  try {
    rows = await db.$queryRaw<{ released: bigint }[]>`
    WITH run AS (
      SELECT id, tenant_id, reserved_micros AS held FROM agent_runs
      WHERE id = ${runId}::uuid AND reserved_micros > 0 FOR UPDATE
    ), t AS (
      UPDATE tenants SET balance_micros = balance_micros + run.held
      FROM run WHERE tenants.id = run.tenant_id
      RETURNING tenants.id, tenants.balance_micros
    ), r AS (
      UPDATE agent_runs SET reserved_micros = 0 FROM run WHERE agent_runs.id = run.id
    ), ledger AS (
      INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key)
      SELECT t.id, run.id, 'release', run.held, t.balance_micros, ${`release:${runId}:${attempt}`} FROM t, run
    )
    SELECT run.held AS released FROM run`;
  } catch (error) {
    // This attempt released once already; whatever is held now belongs to a later attempt.
    if (isUniqueViolation(error)) return { releasedMicros: 0 };
    throw error;
  }
  return { releasedMicros: toMicros(rows[0]?.released) };
}
