import { RunNotFoundError } from "../lib/errors";
import { assertAmount, type SqlSource, toMicros, toSql } from "./amounts";
import { isUniqueViolation } from "./grant-credits";

export interface ReserveCreditsOptions {
  runId: string;
  amountMicros: number;
  /** One reservation per attempt of a run; a replayed attempt holds nothing more. */
  attempt: number;
  note?: string;
  /**
   * The routing decision this hold pays for, written to the run in the same
   * statement: one commit instead of two on the hot path.
   */
  decision?: { complexity: string; model: string; reason: string; signals: object; priceBookVersion: string };
}

export type ReserveResult =
  | { isReserved: true; balanceAfterMicros: number }
  | { isReserved: false; balanceMicros: number };

/**
 * Holds credits for a run in one statement: the conditional UPDATE takes the tenant
 * row lock, so concurrent reservations serialise there and the balance can never go
 * below zero (the CHECK constraint is the backstop). The ledger row and the run's
 * held amount are written in the same statement, so they commit or vanish together.
 */
export async function reserveCredits(db: SqlSource, options: ReserveCreditsOptions): Promise<ReserveResult> {
  const { runId, amountMicros, attempt, note, decision } = options;
  assertAmount(amountMicros);
  try {
    const rows = await toSql(db).query<{ balance: string }>(
      `WITH run AS (
         SELECT id, tenant_id FROM agent_runs WHERE id = $1::uuid
       ), t AS (
         UPDATE tenants SET balance_micros = balance_micros - $2::bigint
         FROM run WHERE tenants.id = run.tenant_id AND balance_micros >= $2::bigint
         RETURNING tenants.id, balance_micros
       ), held AS (
         UPDATE agent_runs SET reserved_micros = reserved_micros + $2::bigint,
           task_complexity = COALESCE($5::"TaskComplexity", task_complexity), model_routed_to = COALESCE($6, model_routed_to),
           model_route_reason = COALESCE($7, model_route_reason), routing_signals = COALESCE($8::jsonb, routing_signals),
           estimated_cost_micros = CASE WHEN $5 IS NULL THEN estimated_cost_micros ELSE $2::bigint END,
           price_book_version = COALESCE($9, price_book_version)
         FROM t WHERE agent_runs.id = $1::uuid
       )
       INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
       SELECT t.id, $1::uuid, 'reservation', -$2::bigint, t.balance_micros, $3, $4 FROM t
       RETURNING balance_after_micros AS balance`,
      [runId, amountMicros, `reserve:${runId}:${attempt}`, note ?? null, decision?.complexity ?? null, decision?.model ?? null,
        decision?.reason ?? null, decision ? JSON.stringify(decision.signals) : null, decision?.priceBookVersion ?? null],
    );
    if (rows[0]) return { isReserved: true, balanceAfterMicros: toMicros(rows[0].balance) };
  } catch (error) {
    // The same attempt reserved already (a replay); its hold stands and counts as ours.
    if (!isUniqueViolation(error)) throw error;
    const held = await readRunCredits(db, runId);
    return { isReserved: true, balanceAfterMicros: held.balanceMicros };
  }
  const { balanceMicros } = await readRunCredits(db, runId);
  return { isReserved: false, balanceMicros };
}

export async function readRunCredits(db: SqlSource, runId: string): Promise<{ reservedMicros: number; balanceMicros: number }> {
  const rows = await toSql(db).query<{ reserved: string; balance: string }>(
    `SELECT r.reserved_micros AS reserved, t.balance_micros AS balance
     FROM agent_runs r JOIN tenants t ON t.id = r.tenant_id WHERE r.id = $1::uuid`,
    [runId],
  );
  if (!rows[0]) throw new RunNotFoundError(runId);
  return { reservedMicros: toMicros(rows[0].reserved), balanceMicros: toMicros(rows[0].balance) };
}
