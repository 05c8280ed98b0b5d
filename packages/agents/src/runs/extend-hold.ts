import { ledgerKind, prepareTyped, runTyped, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { assertAmount } from "../credits/amounts";
import { decisionColumns } from "./decision-columns";
import { fitsCaps, spendColumns } from "./spend-caps";

interface ExtendParams extends Record<string, unknown> {
  runId: string;
  attempt: number;
  amount: number;
  note: string;
  purpose: HoldPurpose;
  complexity: string | null;
  model: string | null;
  reason: string | null;
  signals: string | null;
  priceBook: string | null;
}

/** The routing decision a `route` hold pays for, written to the run with it (as startAttempt writes its own). */
export interface HoldDecision {
  complexity: string;
  model: string;
  reason: string;
  signals: object;
  priceBookVersion: string;
}

/**
 * What the extra hold pays for; each at most once per attempt (the ledger key names it): the continuation
 * of a cut-off first generation, the near-duplicate guard's regeneration, and the continuation of that; the
 * cascade's cheaper call with its gate, and the continuation of that call; the route chosen after the hybrid
 * router's classifier, whose call the attempt's first hold paid for.
 */
export type HoldPurpose = "extended" | "regenerate" | "regenerate-extended" | "cascade" | "cascade-extended" | "route";

/**
 * running → running, holding more: adds to a running attempt's hold what one more call
 * needs (a continuation of a generation cut off at max_tokens, or the near-duplicate guard's
 * regeneration), under the same rules as the first hold — the tenant row's conditional update,
 * so the balance never goes below zero and no spend cap is crossed, and a ledger entry keyed
 * per attempt and purpose, so an attempt extends its hold at most once for each.
 * Nothing is written when the tenant cannot afford it or the attempt is no longer running.
 */
const EXTEND_HOLD = prepareTyped("extend-hold", (p: ExtendParams) => {
  const amount = sql<string>`${p.amount}::bigint`;
  // Counted today: an attempt held yesterday and extended after midnight counts the extension in both days'
  // spend (its settlement moves only the day it was held on), which errs on the side of the cap.
  const move = { heldOn: "run.held_on", onHeldDay: "0", today: amount };
  return typedSql
    .with("run", (db) =>
      db
        .selectFrom("agent_runs")
        .select(["id", "tenant_id", "held_on"])
        .where("id", "=", p.runId)
        .where("status", "=", "running")
        .where("attempts", "=", sql<number>`${p.attempt}::int`)
        .forUpdate(),
    )
    .with("t", (db) =>
      db
        .updateTable("tenants")
        .from("run")
        .set({ balance_micros: sql`tenants.balance_micros - ${amount}`, ...spendColumns(move) })
        .whereRef("tenants.id", "=", "run.tenant_id")
        .where(sql<boolean>`tenants.balance_micros >= ${amount}`)
        .where(fitsCaps(move))
        .returning(["tenants.id", "tenants.balance_micros"]),
    )
    .with("held", (db) =>
      db
        .updateTable("agent_runs")
        .from("t")
        .set(() => ({
          reserved_micros: sql`agent_runs.reserved_micros + ${amount}`,
          ...decisionColumns(p),
          // A route's hold makes the estimate the whole hold (the classifier's and the route's).
          estimated_cost_micros: sql<string | null>`CASE WHEN ${p.complexity}::text IS NULL
            THEN agent_runs.estimated_cost_micros ELSE agent_runs.reserved_micros + ${amount} END`,
        }))
        .where("agent_runs.id", "=", p.runId)
        .returning("agent_runs.id"),
    )
    .insertInto("credit_ledger_entries")
    .columns(["tenant_id", "run_id", "kind", "amount_micros", "balance_after_micros", "idempotency_key", "note"])
    .expression((eb) =>
      eb
        .selectFrom(["t", "run"])
        .select([
          "t.id as tenant_id",
          "run.id as run_id",
          ledgerKind("reservation").as("kind"),
          sql<string>`-${amount}`.as("amount_micros"),
          "t.balance_micros as balance_after_micros",
          sql<string>`'reserve:' || run.id || ':' || ${p.attempt}::int || ':' || ${p.purpose}::text`.as(
            "idempotency_key",
          ),
          sql<string>`${p.note}::text`.as("note"),
        ]),
    )
    .returning("balance_after_micros");
});

/** Holds `amountMicros` more for the running attempt; false when the tenant cannot afford it. */
export async function extendHold(
  db: Sql,
  runId: string,
  attempt: number,
  amountMicros: number,
  note: string,
  purpose: HoldPurpose = "extended",
  decision?: HoldDecision,
) {
  assertAmount(amountMicros);
  const rows = await runTyped(db, EXTEND_HOLD, {
    runId,
    attempt,
    amount: amountMicros,
    note,
    purpose,
    complexity: decision?.complexity ?? null,
    model: decision?.model ?? null,
    reason: decision?.reason ?? null,
    signals: decision ? JSON.stringify(decision.signals) : null,
    priceBook: decision?.priceBookVersion ?? null,
  });
  return rows.length === 1;
}
