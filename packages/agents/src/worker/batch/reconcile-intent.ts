import type { BatchAdapter } from "../../adapters/batch-types";
import { runQuery, typedSql } from "@switchyard/db";
import { type BatchDeps, type BatchHooks, type BatchSettings } from "./batch-deps";
import { type BatchRow, recordSubmitted, releaseLease } from "./batch-rows";
import { submitIntent } from "./submit-batch";

/** How far before the intent's own timestamp a provider's clock may put the batch made from it. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * An intent whose submitter's lease ran out: the submitter died, or its create call failed in a way
 * that leaves it unknown whether the batch was made. The provider's batches since the intent are
 * read: one whose results carry this intent's run ids (custom_id = run id) is adopted; one still in
 * progress that no row of ours records could be it (its results are not readable yet), so the intent
 * waits; when neither is found, the batch was never made and the intent is submitted again.
 */
export async function reconcileIntent(
  deps: BatchDeps,
  settings: BatchSettings,
  row: BatchRow,
  hooks?: BatchHooks,
): Promise<void> {
  const adapter = deps.batchAdapterFor(row.adapter);
  const ours = new Set(row.runIds);
  const candidates = [];
  for await (const info of adapter.listSince(new Date(row.createdAt.getTime() - CLOCK_SKEW_MS))) {
    if (info.requestCount <= ours.size) candidates.push(info);
  }
  const known = await knownProviderIds(
    deps,
    candidates.map((c) => c.id),
  );
  let isUndecided = false;
  for (const info of candidates.filter((c) => !known.has(c.id))) {
    if (info.status !== "ended") {
      isUndecided = true;
      continue;
    }
    const customId = await firstCustomId(adapter, info.id);
    if (customId !== undefined && ours.has(customId)) {
      await recordSubmitted(deps.sql, row.id, info.id, 0);
      deps.log(`[batch] intent ${row.id}: adopted ${info.id}, which the provider made before the record`);
      return;
    }
  }
  if (isUndecided) {
    return releaseLease(deps.sql, row.id, settings.pollMs, "a batch still in progress may be this intent's");
  }
  deps.log(`[batch] intent ${row.id}: the provider has no batch of it; submitting again`);
  await submitIntent(deps, settings, row, hooks);
}

async function firstCustomId(adapter: BatchAdapter, batchId: string): Promise<string | undefined> {
  for await (const result of adapter.results(batchId)) return result.customId;
  return undefined;
}

/** Provider batch ids some row already records: those belong to other intents. */
async function knownProviderIds(deps: BatchDeps, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await runQuery(
    deps.sql,
    typedSql.selectFrom("message_batches").select("provider_batch_id as id").where("provider_batch_id", "in", ids),
  );
  return new Set(rows.flatMap((r) => (r.id === null ? [] : [r.id])));
}
