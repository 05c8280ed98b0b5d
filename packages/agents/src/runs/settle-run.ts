import { prepared, runRollupUpsert } from "@switchyard/db";
import { assertAmount, type SqlSource, toMicros, toSql } from "../credits/amounts";
import { readRunCredits } from "./start-attempt";

export interface SettlementResult {
  /** False when the run had been settled already: nothing moved this time. */
  isSettled: boolean;
  chargedMicros: number;
  balanceAfterMicros: number;
}

/** What a successful attempt produced: stored with the charge, or not at all. */
export interface RunResult {
  model: string;
  routeReason: string;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number };
  baselineCostMicros: number;
  priceBookVersion: string;
  isSimulated: boolean;
  content: { kind: string; title: string; body: string; qualityScore: number; qualityChecks: object };
}

/**
 * Charges the actual cost, returns the rest of the hold, stores the content, marks
 * the run succeeded and counts it in its rollup: one statement, so one commit, and a
 * crash before it leaves the hold for the next attempt to release.
 *
 * Once per run: the run row's settled_at is the guard, re-checked under its row lock,
 * so a replay (a stalled job finishing twice) moves and writes nothing. If the
 * provider used more than was held (an input estimate too low), the excess is charged
 * only as far as the balance allows and the ledger note says so: the balance never
 * goes negative. Locks are taken run row first, then tenant row, as the hold does.
 */
const SETTLE_RUN = prepared(
  "settle-run",
  `WITH run AS (
     SELECT id, tenant_id, reserved_micros AS held FROM agent_runs
     WHERE id = $1::uuid AND settled_at IS NULL FOR UPDATE
   ), tenant AS (
     SELECT tenants.id, balance_micros FROM tenants JOIN run ON run.tenant_id = tenants.id FOR UPDATE OF tenants
   ), delta AS (
     SELECT GREATEST(run.held - $2::bigint, -tenant.balance_micros) AS amount FROM run, tenant
   ), t AS (
     UPDATE tenants SET balance_micros = tenants.balance_micros + delta.amount
     FROM tenant, delta WHERE tenants.id = tenant.id
     RETURNING tenants.id, tenants.balance_micros
   ), done AS (
     UPDATE agent_runs SET reserved_micros = 0, settled_at = now(), actual_cost_micros = run.held - delta.amount,
       status = 'succeeded', model_routed_to = $4, model_route_reason = $5, input_tokens = $6::int, output_tokens = $7::int,
       cache_read_tokens = $8::int, cache_write_tokens = $9::int, baseline_cost_micros = $10::bigint,
       price_book_version = $11, is_simulated = $12::boolean, quality_score = $13::float8, error = NULL, finished_at = now()
     FROM run, delta WHERE agent_runs.id = run.id
     RETURNING agent_runs.*
   ), ledger AS (
     INSERT INTO credit_ledger_entries (tenant_id, run_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
     SELECT t.id, run.id, 'settlement', delta.amount, t.balance_micros, $3,
            CASE WHEN run.held - delta.amount < $2::bigint THEN 'usage exceeded the hold; charged what the balance allowed' END
     FROM t, delta, run
   ), content AS (
     INSERT INTO content_items (id, tenant_id, run_id, kind, title, body, quality_score, quality_checks, updated_at)
     SELECT gen_random_uuid(), run.tenant_id, run.id, $14::"ContentKind", $15, $16, $13::float8, $17::jsonb, now() FROM run
   ), rollup AS (
     ${runRollupUpsert("done")}
   )
   SELECT run.held - delta.amount AS charged, t.balance_micros AS balance FROM run, delta, t`,
);

export async function settleRun(db: SqlSource, runId: string, actualCostMicros: number, result: RunResult): Promise<SettlementResult> {
  assertAmount(actualCostMicros, { isZeroAllowed: true });
  const { usage, content } = result;
  const [row] = await toSql(db).query<{ charged: string; balance: string }>(SETTLE_RUN, [
    runId, actualCostMicros, `settle:${runId}`, result.model, result.routeReason, usage.inputTokens, usage.outputTokens,
    usage.cacheReadTokens ?? 0, usage.cacheWriteTokens ?? 0, result.baselineCostMicros, result.priceBookVersion, result.isSimulated,
    content.qualityScore, content.kind, content.title, content.body, JSON.stringify(content.qualityChecks),
  ]);
  if (!row) {
    const { balanceMicros } = await readRunCredits(db, runId);
    return { isSettled: false, chargedMicros: 0, balanceAfterMicros: balanceMicros };
  }
  return { isSettled: true, chargedMicros: toMicros(row.charged), balanceAfterMicros: toMicros(row.balance) };
}
