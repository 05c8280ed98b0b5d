import { runQuery, type SqlSource, toSql, typedSql } from "@switchyard/db";
import { RunNotFoundError } from "../lib/errors";
import { toMicros } from "./amounts";

/** What a run holds in escrow now, and its tenant's balance. */
export async function readRunCredits(
  db: SqlSource,
  runId: string,
): Promise<{ reservedMicros: number; balanceMicros: number }> {
  const [row] = await runQuery(
    toSql(db),
    typedSql
      .selectFrom("agent_runs as r")
      .innerJoin("tenants as t", "t.id", "r.tenant_id")
      .select(["r.reserved_micros", "t.balance_micros"])
      .where("r.id", "=", runId),
  );
  if (!row) throw new RunNotFoundError(runId);
  return { reservedMicros: toMicros(row.reserved_micros), balanceMicros: toMicros(row.balance_micros) };
}
