import { runQuery, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";

/**
 * Statements on message_batches rows. They move no money and no run: a batch row is the submitter's and
 * the poller's bookkeeping (what was sent, to whom, who is looking at it and when to look again); every
 * run's own state changes through runs/. A lease (lease_until) makes one worker at a time own a row.
 */
export interface BatchRow {
  id: string;
  providerBatchId: string | null;
  adapter: string;
  model: string;
  status: string;
  runIds: string[];
  polls: number;
  createdAt: Date;
}

const COLUMNS = [
  "message_batches.id",
  "message_batches.provider_batch_id as providerBatchId",
  "message_batches.adapter",
  "message_batches.model",
  "message_batches.status",
  "message_batches.run_ids as runIds",
  "message_batches.polls",
  "message_batches.created_at as createdAt",
] as const;

const after = (ms: number) => sql<Date>`now() + ${ms}::int * interval '1 millisecond'`;
const isUnleased = sql<boolean>`(message_batches.lease_until IS NULL OR message_batches.lease_until < now())`;

/** Leases rows in `status` that nobody holds (and, for submitted ones, are due a poll): the caller owns them. */
async function claim(db: Sql, status: "intent" | "submitted", leaseMs: number, limit: number): Promise<BatchRow[]> {
  return runQuery(
    db,
    typedSql
      .with("due", (q) =>
        q
          .selectFrom("message_batches")
          .select("message_batches.id")
          .where("message_batches.status", "=", status)
          .where(isUnleased)
          .where(status === "submitted" ? sql<boolean>`message_batches.next_poll_at <= now()` : sql<boolean>`true`)
          .orderBy("message_batches.created_at")
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .updateTable("message_batches")
      .from("due")
      .set({ lease_until: after(leaseMs) })
      .whereRef("message_batches.id", "=", "due.id")
      .returning([...COLUMNS]),
  );
}

/** Intents whose submitter let its lease run out (it died, or the provider failed it): to reconcile. */
export const claimStaleIntents = (db: Sql, leaseMs: number, limit = 20) => claim(db, "intent", leaseMs, limit);

/** Submitted batches due a poll that no other worker is polling. */
export const claimDuePolls = (db: Sql, leaseMs: number, limit = 20) => claim(db, "submitted", leaseMs, limit);

/** The provider made the batch (submitted now, or adopted on reconciliation): poll it after `firstPollMs`. */
export async function recordSubmitted(db: Sql, id: string, providerBatchId: string, firstPollMs: number) {
  await runQuery(
    db,
    typedSql
      .updateTable("message_batches")
      .set({
        provider_batch_id: providerBatchId,
        status: "submitted",
        submitted_at: sql<Date>`now()`,
        next_poll_at: after(firstPollMs),
        lease_until: null,
        polls: 0,
      })
      .where("id", "=", id)
      .where("status", "=", "intent"),
  );
}

/** Not ended yet (or the poll failed): look again after `delayMs`, and let any worker do it. */
export async function schedulePoll(db: Sql, id: string, delayMs: number, error?: string) {
  await runQuery(
    db,
    typedSql
      .updateTable("message_batches")
      .set((eb) => ({
        polls: eb("polls", "+", 1),
        next_poll_at: after(delayMs),
        lease_until: null,
        error: error?.slice(0, 2000) ?? null,
      }))
      .where("id", "=", id),
  );
}

/** Lets another worker (or this one, later) take the row again after `delayMs`. */
export async function releaseLease(db: Sql, id: string, delayMs: number, error?: string) {
  await runQuery(
    db,
    typedSql
      .updateTable("message_batches")
      .set({ lease_until: after(delayMs), error: error?.slice(0, 2000) ?? null })
      .where("id", "=", id),
  );
}

/** Every request of the batch has ended on its own (`ended`), or the batch was never made (`abandoned`). */
export async function closeBatchRow(db: Sql, id: string, status: "ended" | "abandoned", error?: string) {
  await runQuery(
    db,
    typedSql
      .updateTable("message_batches")
      .set({ status, ended_at: sql<Date>`now()`, lease_until: null, error: error?.slice(0, 2000) ?? null })
      .where("id", "=", id),
  );
}

/** The runs of a batch as they stand now: which are still waiting on it, and what they need to end. */
export async function readBatchRuns(db: Sql, batchId: string, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return runQuery(
    db,
    typedSql
      .selectFrom("agent_runs")
      .select([
        "id",
        "tenant_id as tenantId",
        "status",
        "attempts",
        "model_routed_to as model",
        "task_complexity as complexity",
        "deliver_by as deliverBy",
        sql<boolean>`status = 'running' AND batch_id = ${batchId}::uuid`.as("isWaiting"),
      ])
      .where("id", "in", [...runIds]),
  );
}

export type BatchRun = Awaited<ReturnType<typeof readBatchRuns>>[number];
