import { prepareTyped, runTyped, type Sql, upsertRunRollup } from "@switchyard/db";
import { sql } from "kysely";
import { type EndAttemptParams, type EndAttemptResult, endAttempt, endAttemptOutcome } from "./end-attempt";
import { RUN_TRANSITIONS } from "./run-states";

/**
 * running → failed: the attempt ended and no retry will follow (the last attempt, or an
 * error no retry can fix). Its hold goes back to the tenant, the error is kept and the run
 * is counted in its rollup, in one statement.
 */
const FAIL_RUN = prepareTyped("fail-run", (p: EndAttemptParams) =>
  endAttempt(p, "fail")
    .with("final_run", (db) =>
      db
        .updateTable("agent_runs")
        .from("run")
        .set({
          status: RUN_TRANSITIONS.fail.to,
          reserved_micros: "0",
          error: sql<string>`${p.error}::text`,
          finished_at: sql<Date>`now()`,
        })
        .whereRef("agent_runs.id", "=", "run.id")
        .returningAll("agent_runs"),
    )
    .with("rollup", (db) => upsertRunRollup(db))
    .selectNoFrom((eb) => [
      eb.selectFrom("final_run").select("final_run.id").as("endedId"),
      eb.selectFrom("run").select("run.held").as("released"),
    ]),
);

export async function failRun(db: Sql, runId: string, attempt: number, error: string): Promise<EndAttemptResult> {
  const [row] = await runTyped(db, FAIL_RUN, { runId, attempt, error: error.slice(0, 2000) });
  return endAttemptOutcome(db, { runId, attempt, transition: "fail" }, row);
}
