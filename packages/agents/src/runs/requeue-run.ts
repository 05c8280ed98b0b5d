import { prepareTyped, runTyped, type Sql } from "@switchyard/db";
import { sql } from "kysely";
import { type EndAttemptParams, type EndAttemptResult, endAttempt, endAttemptOutcome } from "./end-attempt";
import type { LiveLane } from "../queues/queue-registry";
import { RUN_TRANSITIONS } from "./run-states";

interface RequeueParams extends EndAttemptParams {
  lane: string | null;
}

/**
 * running → queued: the attempt ended and the job will be tried again (a provider 429,
 * or a retryable failure before the last attempt, or a batch request sent back to a live
 * lane, which the run's `lane` then names). Its hold goes back to the tenant and the
 * error is kept, in one statement.
 */
const REQUEUE_RUN = prepareTyped("requeue-run", (p: RequeueParams) =>
  endAttempt(p, "requeue")
    .with("ended", (db) =>
      db
        .updateTable("agent_runs")
        .from("run")
        .set((eb) => ({
          status: RUN_TRANSITIONS.requeue.to,
          reserved_micros: "0",
          error: sql<string>`${p.error}::text`,
          lane: eb.fn.coalesce(sql<string | null>`${p.lane}::text`, "agent_runs.lane"),
        }))
        .whereRef("agent_runs.id", "=", "run.id")
        .returning("agent_runs.id"),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom("ended").select("ended.id").as("endedId"),
      eb.selectFrom("run").select("run.held").as("released"),
    ]),
);

export async function requeueRun(
  db: Sql,
  runId: string,
  attempt: number,
  error: string,
  options: { lane?: LiveLane } = {},
): Promise<EndAttemptResult> {
  const [row] = await runTyped(db, REQUEUE_RUN, {
    runId,
    attempt,
    error: error.slice(0, 2000),
    lane: options.lane ?? null,
  });
  return endAttemptOutcome(db, { runId, attempt, transition: "requeue" }, row);
}
