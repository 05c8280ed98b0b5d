import { gatherBatch, readWaitingBatchRequests } from "../../runs";
import { type BatchDeps, type BatchHooks, type BatchSettings, messageOf } from "./batch-deps";
import { claimDuePolls, claimStaleIntents } from "./batch-rows";
import { pollBatch } from "./poll-batch";
import { reconcileIntent } from "./reconcile-intent";
import { submitIntent } from "./submit-batch";

export interface BatchCoordinator {
  /** Reconciles at once (a previous process may have died mid-submit), then works every tick. */
  start(): void;
  /** One pass: submit due batches, reconcile stale intents, poll due batches. */
  tick(): Promise<void>;
  /** Stops ticking and waits for the pass under way. */
  stop(): Promise<void>;
}

/**
 * The batch submitter and poller of one worker process. The gatherer is the database: the batch lane
 * leaves each held request running with no batch, and a pass gathers those per adapter and model into
 * an intent row once BATCH_MAX_REQUESTS of them wait or the oldest has waited BATCH_MAX_AGE_MS. Every
 * row a pass touches is leased first, so any number of worker processes can run one of these.
 */
export function createBatchCoordinator(
  deps: BatchDeps,
  settings: BatchSettings,
  hooks: BatchHooks = {},
): BatchCoordinator {
  const tickMs = Math.min(5000, Math.max(50, Math.min(settings.pollMs, settings.maxAgeMs || settings.pollMs)));
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let isStopped = false;

  async function attempt(what: string, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      deps.log(`[batch] ${what}: ${messageOf(error)}`);
    }
  }

  async function submitDue() {
    for (const group of await readWaitingBatchRequests(deps.sql)) {
      if (group.waiting < settings.maxRequests && group.oldestAgeMs < settings.maxAgeMs) continue;
      for (;;) {
        const intent = await gatherBatch(deps.sql, {
          ...group,
          limit: settings.maxRequests,
          leaseMs: settings.leaseMs,
        });
        if (!intent) break;
        const row = { ...intent, adapter: group.adapter, model: group.model };
        await attempt(`submit ${intent.id}`, () => submitIntent(deps, settings, row, hooks));
        if (intent.runIds.length < settings.maxRequests) break;
      }
    }
  }

  async function tick() {
    await attempt("submit", submitDue);
    await attempt("reconcile", async () => {
      for (const row of await claimStaleIntents(deps.sql, settings.leaseMs)) {
        await attempt(`reconcile ${row.id}`, () => reconcileIntent(deps, settings, row, hooks));
      }
    });
    await attempt("poll", async () => {
      for (const row of await claimDuePolls(deps.sql, settings.leaseMs)) await pollBatch(deps, settings, row);
    });
  }

  function schedule() {
    if (isStopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, tickMs);
  }

  return {
    start() {
      current = tick().finally(schedule);
    },
    tick: () => (current = (current ?? Promise.resolve()).then(tick)),
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
