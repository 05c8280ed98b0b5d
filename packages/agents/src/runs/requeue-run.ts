import { prepareTyped, runTyped, type Sql } from "@switchyard/db";
import { sql } from "kysely";
import { type EndAttemptParams, type EndAttemptResult, endAttempt, endAttemptOutcome } from "./end-attempt";
import { RUN_TRANSITIONS } from "./run-states";

/**
 * running → queued: the attempt ended and the job will be tried again (a provider 429,
 * or a retryable failure before the last attempt). Its hold goes back to the tenant and
 * the error is kept, in one statement.
 */
const REQUEUE_RUN = prepareTyped("requeue-run", (p: EndAttemptParams) =>
  endAttempt(p, "requeue")
    .with("ended", (db) =>
      db
        .updateTable("agent_runs")
        .from("run")
        .set({ status: RUN_TRANSITIONS.requeue.to, reserved_micros: "0", error: sql<string>`${p.error}::text` })
        .whereRef("agent_runs.id", "=", "run.id")
        .returning("agent_runs.id"),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom("ended").select("ended.id").as("endedId"),
      eb.selectFrom("run").select("run.held").as("released"),
    ]),
);

export async function requeueRun(db: Sql, runId: string, attempt: number, error: string): Promise<EndAttemptResult> {
  const [row] = await runTyped(db, REQUEUE_RUN, { runId, attempt, error: error.slice(0, 2000) });
  return endAttemptOutcome(db, { runId, attempt, transition: "requeue" }, row);
}
