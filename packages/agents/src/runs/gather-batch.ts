import { prepareTyped, runQuery, runTyped, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { RUN_TRANSITIONS } from "./run-states";

interface GatherParams extends Record<string, unknown> {
  adapter: string;
  model: string;
  limit: number;
  leaseMs: number;
}

/** A held batch request: running on the batch lane, in no batch yet. */
const isWaitingForBatch = sql<boolean>`agent_runs.status IN (${sql.join(
  RUN_TRANSITIONS.gather.from.map((s) => sql.lit(s)),
)}) AND agent_runs.lane = 'batch' AND agent_runs.batch_id IS NULL`;

/**
 * running → running: gathers up to `limit` held batch requests for one adapter and model, oldest first,
 * into a new message_batches row in status `intent`, with their run ids, and points each run at it: one
 * statement, so a run is in one batch or none. Rows other submitters are gathering are skipped, not waited
 * for. The intent is leased to the caller, who submits it; if the caller dies, the lease runs out and
 * reconciliation finds the batch the provider made from it, or submits it again.
 */
const GATHER_BATCH = prepareTyped("gather-batch", (p: GatherParams) =>
  typedSql
    .with("picked", (db) =>
      db
        .selectFrom("agent_runs")
        .select(["agent_runs.id", "agent_runs.started_at"])
        .where(isWaitingForBatch)
        .where("agent_runs.adapter", "=", p.adapter)
        .where("agent_runs.model_routed_to", "=", p.model)
        .orderBy("agent_runs.started_at")
        .limit(sql<number>`${p.limit}::int`)
        .forUpdate()
        .skipLocked(),
    )
    .with("batch", (db) =>
      db
        .insertInto("message_batches")
        .columns(["id", "adapter", "model", "status", "run_ids", "lease_until"])
        .expression(
          db
            .selectFrom("picked")
            .select([
              sql<string>`gen_random_uuid()`.as("id"),
              sql<string>`${p.adapter}::text`.as("adapter"),
              sql<string>`${p.model}::text`.as("model"),
              sql<string>`'intent'`.as("status"),
              sql<string[]>`array_agg(picked.id ORDER BY picked.started_at)`.as("run_ids"),
              sql<Date>`now() + ${p.leaseMs}::int * interval '1 millisecond'`.as("lease_until"),
            ])
            .having(sql<boolean>`count(*) > 0`),
        )
        .returning(["message_batches.id", "message_batches.run_ids"]),
    )
    .with("joined", (db) =>
      db
        .updateTable("agent_runs")
        .from("batch")
        .set({ batch_id: sql<string>`batch.id` })
        .where(sql<boolean>`agent_runs.id = ANY(batch.run_ids)`)
        .returning("agent_runs.id"),
    )
    .selectFrom("batch")
    .select(["batch.id", "batch.run_ids as runIds", sql<number>`(SELECT count(*) FROM joined)::int`.as("joined")]),
);

export interface GatheredBatch {
  /** The message_batches row (status intent). */
  id: string;
  runIds: string[];
}

export async function gatherBatch(
  db: Sql,
  options: { adapter: string; model: string; limit: number; leaseMs: number },
): Promise<GatheredBatch | undefined> {
  const [row] = await runTyped(db, GATHER_BATCH, options);
  return row ? { id: row.id, runIds: row.runIds } : undefined;
}

/** Adapter and model groups of held batch requests: how many wait, and since when (the database's clock). */
export async function readWaitingBatchRequests(db: Sql) {
  return runQuery(
    db,
    typedSql
      .selectFrom("agent_runs")
      .select([
        "agent_runs.adapter",
        sql<string>`agent_runs.model_routed_to`.as("model"),
        sql<number>`count(*)::int`.as("waiting"),
        sql<number>`(extract(epoch FROM now() - min(agent_runs.started_at)) * 1000)::float8`.as("oldestAgeMs"),
      ])
      .where(isWaitingForBatch)
      .where("agent_runs.model_routed_to", "is not", null)
      .groupBy(["agent_runs.adapter", "agent_runs.model_routed_to"]),
  );
}
