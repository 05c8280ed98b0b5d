import { type ModelId } from "../lib/model-catalog";
import { explainTaskComplexity, planRoute, type RoutingOverrides } from "../lib/model-router";
import { type Lane, laneForRoute } from "../queues/queue-registry";
import { DEFAULT_LENGTH, isBatchWork, type TaskInput } from "../tasks/task-input";

/**
 * The lane a task waits in: `batch` for work that can wait (see isBatchWork), else the lane of the route
 * it is planned to take: the same
 * classifier and floor rule the worker applies, without credits (a short balance
 * only ever moves Opus work to Sonnet, which stays heavy). Cheap: no I/O.
 */
export function planLane(
  task: TaskInput,
  floor: ModelId,
  {
    overrides,
    isRevision,
    isBatchByDefault = false,
  }: { overrides?: RoutingOverrides; isRevision: boolean; isBatchByDefault?: boolean },
): Lane {
  if (isBatchWork(task, { isRevision, isBatchByDefault })) return "batch";
  const explanation = explainTaskComplexity({
    agentRole: task.role,
    outputLengthTarget: task.outputLengthTarget ?? DEFAULT_LENGTH[task.role],
    hasRevisionHistory: isRevision,
    contextRichness: "medium",
    requiresReasoning: task.requiresReasoning,
  });
  try {
    const [primary] = planRoute(task.role, explanation.complexity, floor, overrides, explanation.isEscalatedByRevision);
    return laneForRoute(primary.model, explanation.complexity);
  } catch {
    // A floor or override the catalog does not know: the worker fails the run at once, so any lane will do.
    return "fast";
  }
}
