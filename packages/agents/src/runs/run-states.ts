import { type RunStatus, runQuery, type Sql, typedSql } from "@switchyard/db";
import { RunNotFoundError, SwitchyardError } from "../lib/errors";

/**
 * Every move an AgentRun's status may make, and from where: the one state table. Each
 * transition in this folder is one SQL statement whose WHERE clause reads its `from`
 * states here, so the table and the statements cannot disagree.
 *
 * running → running is the next attempt of a run whose previous attempt died mid-call
 * (a stalled job's replay); running → queued happens only when an attempt ends and the
 * job will be tried again (a provider 429, or a retryable failure before the last attempt,
 * or a batch request that errored, expired or was canceled going back to a live lane).
 * running → running is also a held batch request joining a Message Batch (`gather`).
 */
export const RUN_TRANSITIONS = {
  start: { from: ["queued", "running"], to: "running" },
  gather: { from: ["running"], to: "running" },
  settle: { from: ["running"], to: "succeeded" },
  requeue: { from: ["running"], to: "queued" },
  fail: { from: ["running"], to: "failed" },
  refuse: { from: ["running"], to: "refused_credits" },
} as const satisfies Record<string, { from: readonly RunStatus[]; to: RunStatus }>;

export type RunTransition = keyof typeof RUN_TRANSITIONS;

export const FINAL_RUN_STATUSES = ["succeeded", "failed", "refused_credits"] as const satisfies readonly RunStatus[];

export function isFinalStatus(status: RunStatus): boolean {
  return (FINAL_RUN_STATUSES as readonly RunStatus[]).includes(status);
}

/** A transition the state table does not allow from the run's current status. */
export class IllegalRunTransitionError extends SwitchyardError {
  constructor(
    readonly runId: string,
    readonly transition: RunTransition,
    readonly from: RunStatus,
  ) {
    super(
      "illegal_run_transition",
      `Run ${runId} is ${from}; it cannot ${transition} (allowed from ${RUN_TRANSITIONS[transition].from.join(", ")}).`,
    );
  }
}

/**
 * What a transition statement that changed nothing means. A run already in the target
 * state is a replay of a move made before (a duplicate delivery): nothing to do. A run
 * in a state the table does not allow the move from is a caller's error, refused loudly
 * instead of silently updating nothing.
 */
export function explainUnchanged(runId: string, transition: RunTransition, current: RunStatus): "replayed" {
  if (current === RUN_TRANSITIONS[transition].to) return "replayed";
  throw new IllegalRunTransitionError(runId, transition, current);
}

/** A run's status and attempt counter as committed now (a fresh snapshot, not a statement's). */
export async function readRunState(db: Sql, runId: string): Promise<{ status: RunStatus; attempts: number }> {
  const [row] = await runQuery(
    db,
    typedSql.selectFrom("agent_runs").select(["status", "attempts"]).where("id", "=", runId),
  );
  if (!row) throw new RunNotFoundError(runId);
  return row;
}
