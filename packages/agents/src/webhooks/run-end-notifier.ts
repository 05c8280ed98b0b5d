import { type CapPosition, periodStart } from "../runs/spend-caps";
import { emitBudgetWarning } from "./emit-budget-warning";
import { emitRunEvent, type WebhookEmitDeps } from "./emit-run-event";

/**
 * The worker's hook after a run's statements commit: queues the run's webhook event if it ended. A webhook
 * problem (the database or Redis briefly away) is reported and swallowed: it never fails or retries a run.
 * A crash between a run's commit and this call loses that run's event (at most once, documented).
 */
export function notifyRunEnds(
  deps: WebhookEmitDeps,
  onError: (runId: string, error: unknown) => void,
): (runId: string) => Promise<void> {
  return async (runId) => {
    try {
      await emitRunEvent(deps, runId);
    } catch (error) {
      onError(runId, error);
    }
  };
}

/**
 * The worker's hook after a hold that brought a tenant to 80% of a spend cap: sends budget.warning, once per
 * cap and period. Like run events, a problem is reported and swallowed; the next hold tries again.
 */
export function notifyCapWarnings(
  deps: WebhookEmitDeps,
  onError: (tenantId: string, error: unknown) => void,
): (tenantId: string, caps: CapPosition[]) => Promise<void> {
  return async (tenantId, caps) => {
    for (const cap of caps) {
      try {
        await emitBudgetWarning(deps, tenantId, cap, periodStart(cap.period));
      } catch (error) {
        onError(tenantId, error);
      }
    }
  };
}
