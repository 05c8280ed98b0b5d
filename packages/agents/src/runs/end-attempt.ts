import { ledgerKind, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { toMicros } from "../credits/amounts";
import { explainUnchanged, readRunState, RUN_TRANSITIONS } from "./run-states";
import { spendColumns } from "./spend-caps";

/** The transitions that end a running attempt. */
export type EndingTransition = "requeue" | "fail" | "refuse";

/** The parameters every statement that ends an attempt shares. */
export interface EndAttemptParams extends Record<string, unknown> {
  runId: string;
  attempt: number;
  error: string;
}

/**
 * The opening of every statement that ends a running attempt (requeue, fail): lock the
 * run only while it is running this very attempt, return its whole hold to the tenant
 * (and take it out of the spend the caps count), and write the release to the ledger,
 * keyed per attempt. An attempt a newer one has superseded (a stalled job's first
 * execution) matches nothing and moves nothing.
 */
export function endAttempt(p: EndAttemptParams, transition: EndingTransition) {
  return typedSql
    .with("run", (db) =>
      db
        .selectFrom("agent_runs")
        .select(["id", "tenant_id", "reserved_micros as held", "held_on"])
        .where("id", "=", p.runId)
        .where("status", "in", RUN_TRANSITIONS[transition].from)
        .where("attempts", "=", sql<number>`${p.attempt}::int`)
        .forUpdate(),
    )
    .with("t", (db) =>
      db
        .updateTable("tenants")
        .from("run")
        .set({
          balance_micros: sql`tenants.balance_micros + run.held`,
          // The released hold leaves the spend of the day it was taken on.
          ...spendColumns({ heldOn: "run.held_on", onHeldDay: "-run.held", today: "0" }),
        })
        .whereRef("tenants.id", "=", "run.tenant_id")
        .where(sql<boolean>`run.held > 0`)
        .returning(["tenants.id", "tenants.balance_micros"]),
    )
    .with("released", (db) =>
      db
        .insertInto("credit_ledger_entries")
        .columns(["tenant_id", "run_id", "kind", "amount_micros", "balance_after_micros", "idempotency_key"])
        .expression(
          db
            .selectFrom(["t", "run"])
            .select([
              "t.id as tenant_id",
              "run.id as run_id",
              ledgerKind("release").as("kind"),
              "run.held as amount_micros",
              "t.balance_micros as balance_after_micros",
              sql<string>`'release:' || run.id || ':' || ${p.attempt}::int`.as("idempotency_key"),
            ]),
        ),
    );
}

export type EndAttemptResult =
  | { isApplied: true; releasedMicros: number }
  /** A newer attempt of the run has started: this one's ending changes nothing. */
  | { isApplied: false; isSuperseded: true }
  /** The run had already made this move (a replay): nothing changed. */
  | { isApplied: false; isSuperseded: false };

interface EndAttemptRow {
  endedId: string | null;
  released: string | null;
}

/**
 * Reads what an attempt-ending statement did. When it changed nothing, the run is read
 * again (the statement's own snapshot predates any concurrent move it waited for): a
 * newer attempt means this one was superseded; otherwise the state table says whether
 * this was a replay or a move it forbids.
 */
export async function endAttemptOutcome(
  db: Sql,
  { runId, attempt, transition }: { runId: string; attempt: number; transition: EndingTransition },
  row: EndAttemptRow | undefined,
): Promise<EndAttemptResult> {
  if (row?.endedId) return { isApplied: true, releasedMicros: toMicros(row.released) };
  const current = await readRunState(db, runId);
  if (current.attempts > attempt) return { isApplied: false, isSuperseded: true };
  explainUnchanged(runId, transition, current.status);
  return { isApplied: false, isSuperseded: false };
}
