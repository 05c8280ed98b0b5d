import type { RunSource, TaskComplexity } from "@switchyard/db";
import { sql } from "kysely";

/** A routing decision as a hold statement's parameters: all null when the hold pays for no decision. */
export interface DecisionParams {
  complexity: string | null;
  model: string | null;
  reason: string | null;
  signals: string | null;
  priceBook: string | null;
}

/**
 * The run's routing columns for a hold that pays for a decision (startAttempt's, or a route's extendHold):
 * each new value where one is given, the stored one where not.
 */
export function decisionColumns(p: DecisionParams) {
  return {
    task_complexity: sql<TaskComplexity | null>`COALESCE(${p.complexity}::"TaskComplexity",
      agent_runs.task_complexity)`,
    model_routed_to: sql<string | null>`COALESCE(${p.model}::text, agent_runs.model_routed_to)`,
    model_route_reason: sql<string | null>`COALESCE(${p.reason}::text, agent_runs.model_route_reason)`,
    routing_signals: sql`COALESCE(${p.signals}::jsonb, agent_runs.routing_signals)`,
    price_book_version: sql<string | null>`COALESCE(${p.priceBook}::text, agent_runs.price_book_version)`,
  };
}

/** The attempt's provider (real or simulated), kept when not given. */
export function sourceColumn(source: string | null) {
  return sql<RunSource | null>`COALESCE(${source}::"RunSource", agent_runs.source)`;
}
