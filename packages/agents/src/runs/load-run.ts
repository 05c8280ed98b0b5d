import { prepared, type Sql } from "@switchyard/db";
import { PermanentJobError, RunNotFoundError } from "../lib/errors";
import type { AgentJobPayload } from "../queues/queue-registry";

/** What one attempt needs to know about its run, read in one round trip. */
export interface LoadedRun {
  id: string;
  tenantId: string;
  role: string;
  adapter: string;
  model: string;
  input: unknown;
  revisesRunId: string | null;
  /** Attempts started so far: this attempt is the next one. */
  attempts: number;
  isFinal: boolean;
  promptSettings: unknown;
  baselineModel: string;
  routingOverrides: unknown;
  previousDraft: string | null;
  reviewFeedback: string | null;
  reviewScore: number | null;
}

const LOAD_RUN = prepared(
  "load-run",
  `SELECT r.id, r.tenant_id AS "tenantId", r.role, r.adapter, r.model, r.input, r.revises_run_id AS "revisesRunId",
     r.attempts, (r.status NOT IN ('queued', 'running') OR r.settled_at IS NOT NULL) AS "isFinal",
     cfg.prompt_settings AS "promptSettings", t.baseline_model AS "baselineModel", t.routing_overrides AS "routingOverrides",
     prev.body AS "previousDraft", review.feedback AS "reviewFeedback", review.score AS "reviewScore"
   FROM agent_runs r
   JOIN agent_configs cfg ON cfg.id = r.config_id
   JOIN tenants t ON t.id = r.tenant_id
   LEFT JOIN content_items prev ON prev.run_id = r.revises_run_id
   LEFT JOIN LATERAL (
     SELECT feedback, score FROM reviews WHERE content_item_id = prev.id ORDER BY created_at DESC LIMIT 1
   ) review ON true
   WHERE r.id = $1::uuid AND r.tenant_id = $2::uuid`,
);

/**
 * Reads the run and everything its prompt and routing need. Nothing is written: the
 * attempt starts when its credits are held (`reserveCredits`), in one statement.
 * A run of another tenant is reported as missing, and never retried.
 */
export async function loadRun(sql: Sql, payload: AgentJobPayload): Promise<LoadedRun> {
  const [row] = await sql.query<LoadedRun>(LOAD_RUN, [payload.runId, payload.tenantId]);
  if (!row) throw new PermanentJobError(new RunNotFoundError(payload.runId));
  return row;
}
