/**
 * The AgentRun lifecycle: one state table (run-states.ts) and one function, one SQL
 * statement, per transition. Every change to a run's status goes through here.
 */
export { createQueuedRun, type CreatedRun } from "./create-run";
export { loadRun, type LoadedRun } from "./load-run";
export { startAttempt, type StartAttemptOptions, type StartAttemptResult } from "./start-attempt";
export { type DuplicateRecord, type JudgeRecord, settleRun, type RunResult, type SettlementResult } from "./settle-run";
export { requeueRun } from "./requeue-run";
export { failRun } from "./fail-run";
export { refuseRun, type Refusal } from "./refuse-run";
export { linkRevision } from "./link-revision";
export { extendHold, type HoldDecision, type HoldPurpose } from "./extend-hold";
export { gatherBatch, type GatheredBatch, readWaitingBatchRequests } from "./gather-batch";
export type { EndAttemptResult } from "./end-attempt";
export {
  FINAL_RUN_STATUSES,
  IllegalRunTransitionError,
  isFinalStatus,
  RUN_TRANSITIONS,
  type RunTransition,
} from "./run-states";
