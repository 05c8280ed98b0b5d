import type { PrismaClient } from "@switchyard/db";

/**
 * The money and delivery invariants, checked from the rows after a scenario. Every
 * figure under `lost` must be zero: a run not final, a hold left open, a run charged
 * twice or charged without content, a failed or refused run that cost anything, a
 * balance that differs from its ledger or went below zero.
 */
export async function auditTenants(db: PrismaClient, tenantIds: string[]) {
  const [byStatus] = await db.$queryRaw<Record<string, number>[]>`
    SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
      count(*) FILTER (WHERE status = 'failed')::int AS failed,
      count(*) FILTER (WHERE status = 'refused_credits')::int AS refused,
      count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS unfinished,
      count(*) FILTER (WHERE status IN ('failed', 'refused_credits') AND coalesce(error, '') = '')::int
        AS "finalWithoutReason",
      count(*) FILTER (WHERE reserved_micros <> 0)::int AS "openHolds"
    FROM agent_runs WHERE tenant_id = ANY(${tenantIds}::uuid[])`;
  const [perRun] = await db.$queryRaw<Record<string, number>[]>`
    WITH per_run AS (
      SELECT r.id, r.status, r.actual_cost_micros,
        (SELECT count(*) FROM credit_ledger_entries l WHERE l.run_id = r.id AND l.kind = 'settlement') AS settlements,
        (SELECT coalesce(sum(amount_micros), 0) FROM credit_ledger_entries l WHERE l.run_id = r.id) AS net,
        (SELECT count(*) FROM content_items c WHERE c.run_id = r.id) AS contents
      FROM agent_runs r WHERE r.tenant_id = ANY(${tenantIds}::uuid[])
    )
    SELECT count(*) FILTER (WHERE settlements > 1)::int AS "chargedTwice",
      count(*) FILTER (
        WHERE status = 'succeeded' AND (settlements <> 1 OR contents <> 1 OR net <> -actual_cost_micros)
      )::int AS "succeededMischarged",
      count(*) FILTER (WHERE status <> 'succeeded' AND (net <> 0 OR contents <> 0))::int AS "unfinishedOrFailedCharged"
    FROM per_run`;
  const [tenants] = await db.$queryRaw<Record<string, number>[]>`
    SELECT count(*) FILTER (WHERE t.balance_micros <> coalesce(l.sum, 0))::int AS "ledgerMismatch",
      count(*) FILTER (WHERE t.balance_micros < 0)::int AS "negativeBalances"
    FROM tenants t
    LEFT JOIN (SELECT tenant_id, sum(amount_micros) AS sum FROM credit_ledger_entries GROUP BY tenant_id) l
      ON l.tenant_id = t.id
    WHERE t.id = ANY(${tenantIds}::uuid[])`;
  const { succeeded, failed, refused, ...rest } = byStatus!;
  return {
    found: { succeeded: succeeded!, failed: failed!, refused: refused! },
    lost: { ...rest, ...perRun!, ...tenants! } as Record<string, number>,
  };
}

/** How the sampled judge ended on these runs: scored, failed (the run still succeeded), skipped. */
export async function judgeOutcomes(db: PrismaClient, runIds: string[]): Promise<Record<string, number>> {
  const rows = await db.agentRun.groupBy({ by: ["judgeStatus"], where: { id: { in: runIds } }, _count: true });
  const count = (status: string) => rows.find((r) => r.judgeStatus === status)?._count ?? 0;
  return { judgeScored: count("scored"), judgeFailed: count("failed"), judgeSkipped: count("skipped") };
}

/** How many runs read their prompt prefix from the cache, and how many wrote it: the scenario covered cached runs. */
export async function cacheOutcomes(db: PrismaClient, runIds: string[]): Promise<Record<string, number>> {
  const [reads, writes] = await Promise.all([
    db.agentRun.count({ where: { id: { in: runIds }, status: "succeeded", cacheReadTokens: { gt: 0 } } }),
    db.agentRun.count({ where: { id: { in: runIds }, status: "succeeded", cacheWriteTokens: { gt: 0 } } }),
  ]);
  return { cacheReadRuns: reads, cacheWriteRuns: writes };
}
