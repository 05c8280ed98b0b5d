import { prepared } from "@switchyard/db";
import { RunNotFoundError } from "../lib/errors";
import { assertAmount, type SqlSource, toMicros, toSql } from "../credits/amounts";

export interface ReserveCreditsOptions {
  runId: string;
  /** What to hold; 0 starts the attempt without a hold (a refusal is about to be recorded). */
  amountMicros: number;
  /** The attempt this hold starts: the run's attempt counter must be one below it. */
  attempt: number;
  note?: string;
  /** The routing decision this hold pays for, written to the run in the same statement. */
  decision?: { complexity: string; model: string; reason: string; signals: object; priceBookVersion: string };
}

export type ReserveResult =
  | { isReserved: true; balanceAfterMicros: number }
  | { isReserved: false; balanceMicros: number; isSuperseded: boolean };

/**
 * Starts an attempt and holds its credits in one statement, so one commit covers
 * the claim, the hold and the routing decision:
 *
 * - the run row is locked only while its attempt counter is `attempt - 1` and it is
 *   not final: another execution that started this attempt first wins, and this one
 *   learns it is superseded (`isSuperseded`) rather than holding twice;
 * - a hold left by an attempt that died mid-call is returned in the same movement;
 * - the conditional UPDATE takes the tenant row lock, so concurrent holds serialise
 *   there and the balance never goes below zero (the CHECK constraint is the backstop);
 * - the ledger rows and the run's held amount are written by the same statement, so
 *   they commit or vanish together. Without the credits, nothing is written at all.
 */
const START_ATTEMPT = prepared(
  "start-attempt-and-hold",
  `WITH run AS (
     SELECT id, tenant_id, reserved_micros AS stale FROM agent_runs
     WHERE id = $1::uuid AND attempts = $3::int - 1 AND status IN ('queued', 'running') AND settled_at IS NULL
     FOR UPDATE
   ), t AS (
     UPDATE tenants SET balance_micros = balance_micros + run.stale - $2::bigint
     FROM run WHERE tenants.id = run.tenant_id AND balance_micros + run.stale >= $2::bigint
     RETURNING tenants.id, balance_micros
   ), started AS (
     UPDATE agent_runs SET status = 'running', attempts = $3::int, started_at = COALESCE(started_at, now()), finished_at = NULL,
       reserved_micros = $2::bigint,
       task_complexity = COALESCE($5::"TaskComplexity", task_complexity), model_routed_to = COALESCE($6, model_routed_to),
       model_route_reason = COALESCE($7, model_route_reason), routing_signals = COALESCE($8::jsonb, routing_signals),
       estimated_cost_micros = CASE WHEN $5 IS NULL THEN estimated_cost_micros ELSE $2::bigint END,
       price_book_version = COALESCE($9, price_book_version)
     FROM t WHERE agent_runs.id = $1::uuid
   ), ledger AS (
     INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
     SELECT t.id, run.id, e.kind, e.amount, e.balance_after, e.key, e.note
     FROM run, t, LATERAL (VALUES
       ('release'::"LedgerKind", run.stale, t.balance_micros + $2::bigint, 'release:' || run.id || ':' || ($3::int - 1), NULL::text),
       ('reservation'::"LedgerKind", -$2::bigint, t.balance_micros, 'reserve:' || run.id || ':' || $3::int, $4::text)
     ) AS e(kind, amount, balance_after, key, note)
     WHERE e.amount <> 0
   )
   -- COALESCE stops at its first non-null argument: the tenant is read again only when nothing was held.
   SELECT EXISTS (SELECT 1 FROM run) AS "isStartable", EXISTS (SELECT 1 FROM t) AS "isHeld",
     COALESCE((SELECT balance_micros FROM t),
       (SELECT balance_micros FROM tenants JOIN agent_runs r ON r.tenant_id = tenants.id WHERE r.id = $1::uuid)) AS balance`,
);

export async function reserveCredits(db: SqlSource, options: ReserveCreditsOptions): Promise<ReserveResult> {
  const { runId, amountMicros, attempt, note, decision } = options;
  assertAmount(amountMicros, { isZeroAllowed: true });
  const [row] = await toSql(db).query<{ isStartable: boolean; isHeld: boolean; balance: string | null }>(START_ATTEMPT, [
    runId, amountMicros, attempt, note ?? null, decision?.complexity ?? null, decision?.model ?? null,
    decision?.reason ?? null, decision ? JSON.stringify(decision.signals) : null, decision?.priceBookVersion ?? null,
  ]);
  if (row?.balance == null) throw new RunNotFoundError(runId);
  if (row.isHeld) return { isReserved: true, balanceAfterMicros: toMicros(row.balance) };
  return { isReserved: false, balanceMicros: toMicros(row.balance), isSuperseded: !row.isStartable };
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
