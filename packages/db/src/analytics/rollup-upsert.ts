import { type QueryCreator, type Selectable, sql } from "kysely";
import type { AgentRun, DB } from "../generated/kysely/database";
import type { RunSource } from "../generated/kysely/enums";

/** What a run-finalising statement names the RETURNING * of its UPDATE, for `upsertRunRollup`. */
export type FinalRunSource = DB & { final_run: Selectable<AgentRun> };

const FINAL_STATUSES = ["succeeded", "failed", "refused_credits"] as const;

/** Columns the rollup adds up; every one is the run's own figure, so rollups and runs cannot disagree. */
const SUMMED = [
  "runs",
  "actual_cost_micros",
  "baseline_cost_micros",
  "checks_sum",
  "checks_sq_sum",
  "checks_count",
  "judge_sum",
  "judge_sq_sum",
  "judge_count",
  "judge_failures",
  "judge_cost_micros",
  "cache_read_tokens",
  "cache_write_tokens",
  "cache_saving_micros",
  "batch_saving_micros",
  "duplicates_checked",
  "duplicates_regenerated",
  "duplicates_flagged",
] as const;

/**
 * Counts the run that the same statement has just made final in its rollup row, read
 * from the `final_run` CTE (the RETURNING * of that UPDATE): the run row supplies every
 * figure, so the rollup cannot disagree with it, and it commits with the run.
 */
export function upsertRunRollup<D extends FinalRunSource>(source: QueryCreator<D>) {
  // Kysely's builders are invariant in their database type; the constraint above is what
  // guarantees a final_run CTE shaped like agent_runs, so the builder may see just that.
  const db = source as unknown as QueryCreator<FinalRunSource>;
  const zero = sql<number>`0`;
  return db
    .insertInto("run_rollups")
    .columns(["tenant_id", "day", "role", "model", "complexity", "reason", "status", "source", ...SUMMED])
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
          // A final run always has a source (its attempt started); the seed writes rollups itself.
          eb.fn.coalesce("f.source", sql<RunSource>`'simulated'::"RunSource"`).as("source"),
          sql<number>`1`.as("runs"),
          eb.fn.coalesce("f.actual_cost_micros", sql<string>`0`).as("actual_cost_micros"),
          eb.fn.coalesce("f.baseline_cost_micros", sql<string>`0`).as("baseline_cost_micros"),
          eb.fn.coalesce("f.checks_score", zero).as("checks_sum"),
          eb.fn.coalesce(sql<number | null>`f.checks_score * f.checks_score`, zero).as("checks_sq_sum"),
          sql<number>`(f.checks_score IS NOT NULL)::int`.as("checks_count"),
          eb.fn.coalesce("f.judge_score", zero).as("judge_sum"),
          eb.fn.coalesce(sql<number | null>`f.judge_score * f.judge_score`, zero).as("judge_sq_sum"),
          sql<number>`(f.judge_score IS NOT NULL)::int`.as("judge_count"),
          sql<number>`(f.judge_status IS NOT DISTINCT FROM 'failed')::int`.as("judge_failures"),
          eb.fn.coalesce("f.judge_cost_micros", sql<string>`0`).as("judge_cost_micros"),
          sql<string>`COALESCE(f.cache_read_tokens, 0)::bigint`.as("cache_read_tokens"),
          sql<string>`COALESCE(f.cache_write_tokens, 0)::bigint`.as("cache_write_tokens"),
          eb.fn.coalesce("f.cache_saving_micros", sql<string>`0`).as("cache_saving_micros"),
          eb.fn.coalesce("f.batch_saving_micros", sql<string>`0`).as("batch_saving_micros"),
          sql<number>`COALESCE(f.duplicate_outcome IN ('clear', 'regenerated', 'flagged'), false)::int`.as(
            "duplicates_checked",
          ),
          sql<number>`(f.duplicate_outcome IS NOT DISTINCT FROM 'regenerated')::int`.as("duplicates_regenerated"),
          sql<number>`(f.duplicate_outcome IS NOT DISTINCT FROM 'flagged')::int`.as("duplicates_flagged"),
        ])
        .where("f.finished_at", "is not", null)
        .where("f.status", "in", FINAL_STATUSES),
    )
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "day", "role", "model", "complexity", "reason", "status", "source"])
        .doUpdateSet((eb) =>
          Object.fromEntries(
            SUMMED.map((column) => [column, eb(eb.ref(`run_rollups.${column}`), "+", eb.ref(`excluded.${column}`))]),
          ),
        ),
    );
}
