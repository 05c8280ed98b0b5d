import { prepareTyped, runTyped, type Sql, type TaskComplexity, upsertRunRollup } from "@switchyard/db";
import { sql } from "kysely";
import { type EndAttemptParams, type EndAttemptResult, endAttempt, endAttemptOutcome } from "./end-attempt";
import { RUN_TRANSITIONS } from "./run-states";

export interface Refusal {
  /** What the tenant reads: which model it could not afford, and what was needed. */
  message: string;
  complexity: string;
  signals: object;
  requiredMicros: number;
  /** Why: the balance could not cover the floor (the default), or a spend cap would be crossed. */
  reason?: "credit_limit" | "budget_cap";
}

interface RefuseParams extends EndAttemptParams {
  reason: string;
  complexity: string;
  signals: string;
  required: number;
}

/**
 * running → refused_credits: the tenant could not afford even the floor, or holding it would
 * cross a spend cap, so no model was called and nothing is charged. The run keeps why (the
 * message, the tier and the amount it needed) and is counted in its rollup under its reason
 * (`credit_limit` or `budget_cap`), in one statement.
 */
const REFUSE_RUN = prepareTyped("refuse-run", (p: RefuseParams) =>
  endAttempt(p, "refuse")
    .with("final_run", (db) =>
      db
        .updateTable("agent_runs")
        .from("run")
        .set({
          status: RUN_TRANSITIONS.refuse.to,
          reserved_micros: "0",
          error: sql<string>`${p.error}::text`,
          finished_at: sql<Date>`now()`,
          task_complexity: sql<TaskComplexity>`${p.complexity}::"TaskComplexity"`,
          model_routed_to: null,
          model_route_reason: sql<string>`${p.reason}::text`,
          routing_signals: sql`${p.signals}::jsonb`,
          estimated_cost_micros: sql<string>`${p.required}::bigint`,
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

export async function refuseRun(db: Sql, runId: string, attempt: number, refusal: Refusal): Promise<EndAttemptResult> {
  const [row] = await runTyped(db, REFUSE_RUN, {
    runId,
    attempt,
    error: refusal.message.slice(0, 2000),
    reason: refusal.reason ?? "credit_limit",
    complexity: refusal.complexity,
    signals: JSON.stringify(refusal.signals),
    required: refusal.requiredMicros,
  });
  return endAttemptOutcome(db, { runId, attempt, transition: "refuse" }, row);
}
