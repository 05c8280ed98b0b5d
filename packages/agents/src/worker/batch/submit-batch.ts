import type { BatchInfo, BatchRequest } from "../../adapters/batch-types";
import { ProviderError } from "../../adapters/provider-error";
import { failRun } from "../../runs";
import { type BatchDeps, type BatchHooks, type BatchSettings, messageOf } from "./batch-deps";
import { buildBatchRunPrompt } from "./batch-request";
import { type BatchRow, closeBatchRow, readBatchRuns, recordSubmitted, releaseLease } from "./batch-rows";
import { endBatchRequest } from "./end-batch-request";

type IntentRow = Pick<BatchRow, "id" | "adapter" | "model" | "runIds">;

/**
 * Submits an intent the caller has leased: builds each waiting run's request (custom_id = run id), asks
 * the provider to create the batch, then records its id. The intent row and its run ids were committed
 * before the call, so a crash between the call and the record leaves an intent that reconciliation
 * adopts (the provider knows the batch) or submits again (it does not): never two batches, never a lost run.
 */
export async function submitIntent(
  deps: BatchDeps,
  settings: BatchSettings,
  row: IntentRow,
  hooks: BatchHooks = {},
): Promise<void> {
  const runs = (await readBatchRuns(deps.sql, row.id, row.runIds)).filter((r) => r.isWaiting);
  const requests: BatchRequest[] = [];
  for (const run of runs) {
    try {
      requests.push({ customId: run.id, request: (await buildBatchRunPrompt(deps, run)).request });
    } catch (error) {
      // A stored task or decision that no longer builds: no retry fixes it, and its hold goes back.
      await failRun(deps.sql, run.id, run.attempts, `could not build the batch request: ${messageOf(error)}`);
      await deps.onRunEnded?.(run.id);
    }
  }
  if (requests.length === 0) return closeBatchRow(deps.sql, row.id, "abandoned", "no run was left waiting");
  let info: BatchInfo;
  try {
    info = await deps.batchAdapterFor(row.adapter).create(requests);
  } catch (error) {
    if (error instanceof ProviderError && !error.isRetryable) {
      // Refused outright, so never made: each run goes back live, where its own error (if any) is reported.
      await closeBatchRow(deps.sql, row.id, "abandoned", messageOf(error));
      const made = new Set(requests.map((r) => r.customId));
      for (const run of runs.filter((r) => made.has(r.id))) {
        await endBatchRequest(deps, run, { type: "errored", error: new ProviderError("server", messageOf(error)) });
      }
      return;
    }
    // Maybe made, maybe not (a timeout after sending): reconciliation decides, from what the provider lists.
    deps.log(`[batch] create for ${row.id} failed (${messageOf(error)}); reconciling`);
    return releaseLease(deps.sql, row.id, 0, messageOf(error));
  }
  await hooks.afterCreate?.(info);
  await recordSubmitted(deps.sql, row.id, info.id, settings.pollMs);
  deps.log(`[batch] submitted ${info.id} (${row.model}, ${requests.length} requests) for intent ${row.id}`);
}
