import type { Sql } from "@switchyard/db";
import { releaseReservation } from "../credits";
import { PermanentJobError, RunNotFoundError } from "../lib/errors";
import type { AgentJobPayload } from "../queues/queue-registry";

/** What one attempt needs to know, read in the same statement that claims the run. */
export interface ClaimedRun {
  id: string;
  tenantId: string;
  role: string;
  adapter: string;
  model: string;
  input: unknown;
  revisesRunId: string | null;
  attempts: number;
  reservedMicros: string;
  promptSettings: unknown;
  baselineModel: string;
  routingOverrides: unknown;
  previousDraft: string | null;
  reviewFeedback: string | null;
  reviewScore: number | null;
}

/**
 * Starts an attempt and loads its context in one round trip: the run's own counter
 * numbers the attempt (BullMQ does not count a stalled job's replay as a new one),
 * and a hold left by an attempt that died mid-call is returned before a new one is
 * taken. Returns undefined when the run is already final (a failed run stays failed:
 * its rollup has counted it). A run of another tenant is reported as missing.
 */
export async function claimRun(sql: Sql, payload: AgentJobPayload): Promise<ClaimedRun | undefined> {
  const [row] = await sql.query<ClaimedRun>(
    `
    WITH claimed AS (
      UPDATE agent_runs SET status = 'running', attempts = attempts + 1,
        started_at = COALESCE(started_at, now()), finished_at = NULL
      WHERE id = $1::uuid AND tenant_id = $2::uuid
        AND status IN ('queued', 'running') AND settled_at IS NULL
      RETURNING id, tenant_id, config_id, role, adapter, model, input, revises_run_id, attempts, reserved_micros
    )
    SELECT c.id, c.tenant_id AS "tenantId", c.role, c.adapter, c.model, c.input, c.revises_run_id AS "revisesRunId",
      c.attempts, c.reserved_micros AS "reservedMicros", cfg.prompt_settings AS "promptSettings",
      t.baseline_model AS "baselineModel", t.routing_overrides AS "routingOverrides",
      prev.body AS "previousDraft", review.feedback AS "reviewFeedback", review.score AS "reviewScore"
    FROM claimed c
    JOIN agent_configs cfg ON cfg.id = c.config_id
    JOIN tenants t ON t.id = c.tenant_id
    LEFT JOIN content_items prev ON prev.run_id = c.revises_run_id
    LEFT JOIN LATERAL (
      SELECT feedback, score FROM reviews WHERE content_item_id = prev.id ORDER BY created_at DESC LIMIT 1
    ) review ON true`,
    [payload.runId, payload.tenantId],
  );
  if (!row) {
    const [exists] = await sql.query(`SELECT 1 FROM agent_runs WHERE id = $1::uuid AND tenant_id = $2::uuid`, [payload.runId, payload.tenantId]);
    if (!exists) throw new PermanentJobError(new RunNotFoundError(payload.runId));
    return undefined;
  }
  if (Number(row.reservedMicros) > 0) await releaseReservation(sql, row.id, row.attempts - 1);
  return row;
}
