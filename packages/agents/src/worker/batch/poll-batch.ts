import type { BatchOutcome } from "../../adapters/batch-types";
import { ProviderError } from "../../adapters/provider-error";
import { type BatchDeps, type BatchSettings, messageOf, pollDelay } from "./batch-deps";
import { type BatchRow, type BatchRun, closeBatchRow, readBatchRuns, schedulePoll } from "./batch-rows";
import { endBatchRequest } from "./end-batch-request";

/** Results ended at once: each success may call the judge, so a few run side by side. */
const CONCURRENT_RESULTS = 8;

/**
 * Polls a submitted batch the caller has leased. Not ended: polled again later, the wait doubling.
 * Ended: every request still waiting on it ends on its own (endBatchRequest); a request the provider
 * returned no result for (or in a batch it no longer knows) ends as expired. If any could not be ended
 * (the database or the judge's provider failed), the batch is polled again later and only those still
 * waiting are retried.
 */
export async function pollBatch(deps: BatchDeps, settings: BatchSettings, row: BatchRow): Promise<void> {
  const providerId = row.providerBatchId ?? "";
  const adapter = deps.batchAdapterFor(row.adapter);
  try {
    const state = await adapter.retrieve(providerId).then(
      (info) => (info.status === "ended" ? "ended" : "in progress"),
      (error: unknown) => {
        // The provider no longer knows the batch (deleted, or another account's): its requests are gone.
        if (error instanceof ProviderError && error.status === 404) return "unknown";
        throw error;
      },
    );
    if (state === "in progress") {
      await schedulePoll(deps.sql, row.id, pollDelay(settings, row.polls));
      return;
    }
    const waiting = new Map(
      (await readBatchRuns(deps.sql, row.id, row.runIds)).filter((r) => r.isWaiting).map((r) => [r.id, r]),
    );
    const work: { run: BatchRun; outcome: BatchOutcome }[] = [];
    if (state === "ended") {
      for await (const { customId, result } of adapter.results(providerId)) {
        const run = waiting.get(customId);
        if (!run) continue;
        waiting.delete(customId);
        work.push({ run, outcome: result });
      }
    }
    for (const run of waiting.values()) work.push({ run, outcome: { type: "expired" } });
    const failures: string[] = [];
    for (let i = 0; i < work.length; i += CONCURRENT_RESULTS) {
      await Promise.all(
        work.slice(i, i + CONCURRENT_RESULTS).map(async ({ run, outcome }) => {
          try {
            await endBatchRequest(deps, run, outcome);
          } catch (error) {
            failures.push(`${run.id}: ${messageOf(error)}`);
          }
          await deps.onRunEnded?.(run.id);
        }),
      );
    }
    if (failures.length === 0) {
      await closeBatchRow(deps.sql, row.id, "ended");
      return;
    }
    deps.log(`[batch] ${providerId}: ${failures.length} results not ended yet: ${failures[0]}`);
    await schedulePoll(deps.sql, row.id, pollDelay(settings, row.polls), failures.join("; "));
  } catch (error) {
    deps.log(`[batch] poll of ${providerId} failed: ${messageOf(error)}`);
    await schedulePoll(deps.sql, row.id, pollDelay(settings, row.polls), messageOf(error));
  }
}
