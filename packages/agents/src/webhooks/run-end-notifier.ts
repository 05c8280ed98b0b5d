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
