import { prepareTyped, type RowOf, runTyped, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { PermanentJobError, RunNotFoundError } from "../lib/errors";
import type { AgentJobPayload } from "../queues/queue-registry";
import { FINAL_RUN_STATUSES } from "./run-states";

/**
 * Reads the run and everything its prompt and routing need, in one round trip. Nothing
 * is written: the attempt starts when its credits are held (`startAttempt`). A run of
 * another tenant is reported as missing, and never retried.
 */
const LOAD_RUN = prepareTyped("load-run", (p: AgentJobPayload) =>
  typedSql
    .selectFrom("agent_runs as r")
    .innerJoin("agent_configs as cfg", "cfg.id", "r.config_id")
    .innerJoin("tenants as t", "t.id", "r.tenant_id")
    .leftJoin("content_items as prev", "prev.run_id", "r.revises_run_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("reviews")
          .select(["reviews.feedback", "reviews.score"])
          .whereRef("reviews.content_item_id", "=", "prev.id")
          .orderBy("reviews.created_at", "desc")
          .limit(1)
          .as("review"),
      (join) => join.onTrue(),
    )
    .select([
      "r.id",
      "r.tenant_id as tenantId",
      "r.role",
      "r.adapter",
      "r.model",
      "r.input",
      "r.revises_run_id as revisesRunId",
      "r.attempts",
      "r.status",
      "r.lane",
      "r.batch_id as batchId",
      "r.deliver_by as deliverBy",
      "r.routing_signals as routingSignals",
      "r.model_routed_to as modelRoutedTo",
      sql<boolean>`(r.status IN (${sql.join(FINAL_RUN_STATUSES.map((s) => sql.lit(s)))})
        OR r.settled_at IS NOT NULL)`.as("isFinal"),
      "cfg.prompt_settings as promptSettings",
      "cfg.judge_mode as judgeMode",
      "cfg.apply_brief_analysis as applyBriefAnalysis",
      "cfg.examples_mode as examplesMode",
      "cfg.cascade_enabled as cascadeEnabled",
      "cfg.cascade_threshold as cascadeThreshold",
      "cfg.router_mode as routerMode",
      "r.brief_signals as briefSignals",
      "cfg.judge_sample_pct as judgeSamplePct",
      "cfg.duplicate_window_days as duplicateWindowDays",
      "t.judge_model as judgeModel",
      "t.prompt_cache_ttl as promptCacheTtl",
      "t.baseline_model as baselineModel",
      "t.routing_overrides as routingOverrides",
      "prev.body as previousDraft",
      "review.feedback as reviewFeedback",
      "review.score as reviewScore",
    ])
    .where("r.id", "=", p.runId)
    .where("r.tenant_id", "=", p.tenantId),
);

/** What one attempt needs to know about its run. */
export type LoadedRun = RowOf<typeof LOAD_RUN>;

export async function loadRun(db: Sql, payload: AgentJobPayload): Promise<LoadedRun> {
  const [row] = await runTyped(db, LOAD_RUN, payload);
  if (!row) throw new PermanentJobError(new RunNotFoundError(payload.runId));
  return row;
}
