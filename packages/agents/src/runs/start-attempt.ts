import { ledgerKind, prepareTyped, runTyped, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { assertAmount, toMicros } from "../credits/amounts";
import { RunNotFoundError } from "../lib/errors";
import { decisionColumns, sourceColumn } from "./decision-columns";
import { IllegalRunTransitionError, isFinalStatus, RUN_TRANSITIONS } from "./run-states";
import {
  capPositions,
  type CapPosition,
  heldToday,
  type HoldLimit,
  spendAfter,
  spendColumns,
  spentThisMonth,
  spentToday,
} from "./spend-caps";

export interface StartAttemptOptions {
  runId: string;
  /** What to hold; 0 starts the attempt without a hold (a refusal is about to be recorded). */
  amountMicros: number;
  /** The attempt this starts: the run's attempt counter must be one below it. */
  attempt: number;
  note?: string;
  /** Which provider the attempt uses: a real one, or the offline simulated one. */
  source?: "real" | "simulated";
  /** The routing decision this hold pays for, written to the run in the same statement. */
  decision?: { complexity: string; model: string; reason: string; signals: object; priceBookVersion: string };
}

export type StartAttemptResult =
  | {
      isStarted: true;
      balanceAfterMicros: number;
      /** The tenant's position against each cap it has, after the hold; what a budget warning reads. */
      caps: CapPosition[];
      /** The periods whose warning was sent already (UTC day and month start, YYYY-MM-DD). */
      warned: { daily: string | null; monthly: string | null };
    }
  /** Another execution of the job started this attempt first; re-read the run and take over. */
  | { isStarted: false; isSuperseded: true }
  /**
   * The tenant cannot afford the hold, or it would cross a spend cap: nothing was written. `limit` says
   * which, and `caps` where the tenant stood, both read under the tenant row lock that decided it.
   */
  | { isStarted: false; isSuperseded: false; balanceMicros: number; limit: HoldLimit; caps: CapPosition[] };

interface StartParams extends Record<string, unknown> {
  runId: string;
  amount: number;
  attempt: number;
  note: string | null;
  complexity: string | null;
  model: string | null;
  reason: string | null;
  signals: string | null;
  priceBook: string | null;
  source: string | null;
}

/**
 * queued | running → running: starts an attempt and holds its credits in one statement,
 * so one commit covers the claim, the hold and the routing decision:
 *
 * - the run row is locked only while its attempt counter is `attempt - 1` and it is
 *   not final: another execution that started this attempt first wins, and this one
 *   learns it is superseded rather than holding twice;
 * - a hold left by an attempt that died mid-call is returned in the same movement;
 * - the tenant row is locked and read as it stands (concurrent holds serialise there),
 *   and updated only when the hold fits, so the balance never goes below zero (the
 *   CHECK constraint is the backstop);
 * - under the same lock it adds the hold to the tenant's spend of the day and month and
 *   refuses a hold that would cross a spend cap (runs/spend-caps.ts): a zero hold, which
 *   only returns a stale one, is never refused;
 * - the ledger rows and the run's held amount are written by the same statement, so
 *   they commit or vanish together. Without the credits, nothing is written at all.
 */
const START_ATTEMPT = prepareTyped("start-attempt", (p: StartParams) => {
  const amount = sql<string>`${p.amount}::bigint`;
  const attempt = sql<number>`${p.attempt}::int`;
  // The stale hold leaves the period it was counted in; the new one counts today.
  const move = { heldOn: "run.held_on", onHeldDay: "-run.stale", today: amount };
  const after = spendAfter(move);
  return (
    typedSql
      .with("run", (db) =>
        db
          .selectFrom("agent_runs")
          .select(["id", "tenant_id", "reserved_micros as stale", "held_on"])
          .where("id", "=", p.runId)
          .where("attempts", "=", sql<number>`${attempt} - 1`)
          .where("status", "in", RUN_TRANSITIONS.start.from)
          .where("settled_at", "is", null)
          .forUpdate(),
      )
      // The tenant row, locked and read as it stands once the lock is ours (a concurrent hold that committed
      // first is seen), with the limit the new hold would break, if any: the refusal and its reason are exact.
      .with("tenant", (db) =>
        db
          .selectFrom("tenants")
          .innerJoin("run", "run.tenant_id", "tenants.id")
          .select([
            "tenants.id",
            "tenants.balance_micros",
            "tenants.daily_cap_micros",
            "tenants.monthly_cap_micros",
            spentToday.as("spent_day"),
            spentThisMonth.as("spent_month"),
            sql<HoldLimit | null>`CASE WHEN tenants.balance_micros + run.stale < ${amount} THEN 'balance'
            WHEN ${amount} > 0 AND tenants.daily_cap_micros < ${after.day} THEN 'daily_cap'
            WHEN ${amount} > 0 AND tenants.monthly_cap_micros < ${after.month} THEN 'monthly_cap' END`.as("refusal"),
          ])
          .forUpdate("tenants"),
      )
      .with("t", (db) =>
        db
          .updateTable("tenants")
          .from(["run", "tenant"])
          .set({ balance_micros: sql`tenants.balance_micros + run.stale - ${amount}`, ...spendColumns(move) })
          .whereRef("tenants.id", "=", "tenant.id")
          .where(sql<boolean>`tenant.refusal IS NULL`)
          .returning([
            "tenants.id",
            "tenants.balance_micros",
            "tenants.daily_cap_micros",
            "tenants.monthly_cap_micros",
            "tenants.spend_day_micros",
            "tenants.spend_month_micros",
            sql<string | null>`tenants.cap_warned_day::text`.as("warned_day"),
            sql<string | null>`tenants.cap_warned_month::text`.as("warned_month"),
          ]),
      )
      .with("started", (db) =>
        db
          .updateTable("agent_runs")
          .from("t")
          .set((eb) => ({
            status: RUN_TRANSITIONS.start.to,
            attempts: attempt,
            started_at: eb.fn.coalesce("agent_runs.started_at", sql<Date>`now()`),
            finished_at: null,
            reserved_micros: amount,
            held_on: heldToday,
            ...decisionColumns(p),
            // A hold that pays for a routing decision is that decision's estimate; a zero hold changes no estimate.
            estimated_cost_micros: sql<string | null>`CASE WHEN ${p.complexity}::text IS NULL
            THEN agent_runs.estimated_cost_micros ELSE ${amount} END`,
            source: sourceColumn(p.source),
          }))
          .where("agent_runs.id", "=", p.runId),
      )
      .with("ledger", (db) =>
        db
          .insertInto("credit_ledger_entries")
          .columns(["tenant_id", "run_id", "kind", "amount_micros", "balance_after_micros", "idempotency_key", "note"])
          .expression(
            db
              .selectFrom(["run", "t"])
              .select([
                "t.id as tenant_id",
                "run.id as run_id",
                ledgerKind("release").as("kind"),
                "run.stale as amount_micros",
                sql<string>`t.balance_micros + ${amount}`.as("balance_after_micros"),
                sql<string>`'release:' || run.id || ':' || (${attempt} - 1)`.as("idempotency_key"),
                sql<string | null>`NULL`.as("note"),
              ])
              .where(sql<boolean>`run.stale <> 0`)
              .unionAll((eb) =>
                eb
                  .selectFrom(["run", "t"])
                  .select([
                    "t.id as tenant_id",
                    "run.id as run_id",
                    ledgerKind("reservation").as("kind"),
                    sql<string>`-${amount}`.as("amount_micros"),
                    "t.balance_micros as balance_after_micros",
                    sql<string>`'reserve:' || run.id || ':' || ${attempt}`.as("idempotency_key"),
                    sql<string | null>`${p.note}::text`.as("note"),
                  ])
                  .where(sql<boolean>`${amount} <> 0`),
              ),
          ),
      )
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom("run").select("run.id")).as("isStartable"),
        eb.exists(eb.selectFrom("t").select("t.id")).as("isHeld"),
        // COALESCE stops at its first non-null argument: the tenant as the hold left it, or as it refused it.
        eb.fn
          .coalesce(
            eb.selectFrom("t").select(
              sql<TenantPosition>`json_build_object(
            'balance', t.balance_micros, 'dailyCap', t.daily_cap_micros, 'monthlyCap', t.monthly_cap_micros,
            'spentDay', t.spend_day_micros, 'spentMonth', t.spend_month_micros,
            'warnedDay', t.warned_day, 'warnedMonth', t.warned_month)`.as("position"),
            ),
            eb.selectFrom("tenant").select(
              sql<TenantPosition>`json_build_object(
            'balance', tenant.balance_micros, 'dailyCap', tenant.daily_cap_micros,
            'monthlyCap', tenant.monthly_cap_micros, 'spentDay', tenant.spent_day,
            'spentMonth', tenant.spent_month, 'limit', tenant.refusal)`.as("position"),
            ),
          )
          .as("position"),
        // The status before this statement: what a refused start was refused from.
        eb.selectFrom("agent_runs").where("agent_runs.id", "=", p.runId).select("agent_runs.status").as("status"),
      ])
  );
});

/** The tenant row as a start left it (held) or as it stood after a refusal. */
interface TenantPosition {
  balance: number;
  dailyCap: number | null;
  monthlyCap: number | null;
  spentDay: number;
  spentMonth: number;
  warnedDay?: string | null;
  warnedMonth?: string | null;
  limit?: HoldLimit;
}

export async function startAttempt(db: Sql, options: StartAttemptOptions): Promise<StartAttemptResult> {
  const { runId, amountMicros, attempt, note, decision, source } = options;
  assertAmount(amountMicros, { isZeroAllowed: true });
  const [row] = await runTyped(db, START_ATTEMPT, {
    runId,
    amount: amountMicros,
    attempt,
    note: note ?? null,
    complexity: decision?.complexity ?? null,
    model: decision?.model ?? null,
    reason: decision?.reason ?? null,
    signals: decision ? JSON.stringify(decision.signals) : null,
    priceBook: decision?.priceBookVersion ?? null,
    source: source ?? null,
  });
  if (!row?.status) throw new RunNotFoundError(runId);
  if (row.isHeld && row.position) {
    const { position } = row;
    const warned = { daily: position.warnedDay ?? null, monthly: position.warnedMonth ?? null };
    return { isStarted: true, balanceAfterMicros: toMicros(position.balance), caps: capPositions(position), warned };
  }
  if (row.isStartable) {
    const { position } = row;
    if (!position) throw new RunNotFoundError(runId);
    const caps = capPositions(position);
    return {
      isStarted: false,
      isSuperseded: false,
      balanceMicros: toMicros(position.balance),
      limit: position.limit ?? "balance",
      caps,
    };
  }
  if (isFinalStatus(row.status)) throw new IllegalRunTransitionError(runId, "start", row.status);
  return { isStarted: false, isSuperseded: true };
}
