import { type QueryCreator, type Selectable, sql } from "kysely";
import type { AgentRun, DB } from "../generated/kysely/database";

/** What a run-finalising statement names the RETURNING * of its UPDATE, for `upsertRunRollup`. */
export type FinalRunSource = DB & { final_run: Selectable<AgentRun> };

const FINAL_STATUSES = ["succeeded", "failed", "refused_credits"] as const;

/**
 * Counts the run that the same statement has just made final in its rollup row, read
 * from the `final_run` CTE (the RETURNING * of that UPDATE): the run row supplies every
 * figure, so the rollup cannot disagree with it, and it commits with the run.
 */
export function upsertRunRollup<D extends FinalRunSource>(source: QueryCreator<D>) {
  // Kysely's builders are invariant in their database type; the constraint above is what
  // guarantees a final_run CTE shaped like agent_runs, so the builder may see just that.
  const db = source as unknown as QueryCreator<FinalRunSource>;
  return db
    .insertInto("run_rollups")
    .columns([
      "tenant_id",
      "day",
      "role",
      "model",
      "complexity",
      "reason",
      "status",
      "runs",
      "actual_cost_micros",
      "baseline_cost_micros",
      "quality_sum",
      "quality_sq_sum",
      "quality_count",
    ])
    .expression(
      db
        .selectFrom("final_run as f")
        .select((eb) => [
          "f.tenant_id",
          sql<Date>`(f.finished_at AT TIME ZONE 'UTC')::date`.as("day"),
          "f.role",
          eb.fn.coalesce("f.model_routed_to", sql<string>`''`).as("model"),
          eb.fn.coalesce(sql<string | null>`f.task_complexity::text`, sql<string>`''`).as("complexity"),
          eb.fn.coalesce("f.model_route_reason", sql<string>`''`).as("reason"),
          "f.status",
          sql<number>`1`.as("runs"),
          eb.fn.coalesce("f.actual_cost_micros", sql<string>`0`).as("actual_cost_micros"),
          eb.fn.coalesce("f.baseline_cost_micros", sql<string>`0`).as("baseline_cost_micros"),
          eb.fn.coalesce("f.quality_score", sql<number>`0`).as("quality_sum"),
          eb.fn.coalesce(sql<number | null>`f.quality_score * f.quality_score`, sql<number>`0`).as("quality_sq_sum"),
          sql<number>`(f.quality_score IS NOT NULL)::int`.as("quality_count"),
        ])
        .where("f.finished_at", "is not", null)
        .where("f.status", "in", FINAL_STATUSES),
    )
    .onConflict((oc) =>
      oc.columns(["tenant_id", "day", "role", "model", "complexity", "reason", "status"]).doUpdateSet((eb) => ({
        runs: eb("run_rollups.runs", "+", eb.ref("excluded.runs")),
        actual_cost_micros: eb("run_rollups.actual_cost_micros", "+", eb.ref("excluded.actual_cost_micros")),
        baseline_cost_micros: eb("run_rollups.baseline_cost_micros", "+", eb.ref("excluded.baseline_cost_micros")),
        quality_sum: eb("run_rollups.quality_sum", "+", eb.ref("excluded.quality_sum")),
        quality_sq_sum: eb("run_rollups.quality_sq_sum", "+", eb.ref("excluded.quality_sq_sum")),
        quality_count: eb("run_rollups.quality_count", "+", eb.ref("excluded.quality_count")),
      })),
    );
}
