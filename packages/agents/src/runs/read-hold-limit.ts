import { runQuery, type Sql, typedSql } from "@switchyard/db";
import { sql } from "kysely";
import { toMicros } from "../credits/amounts";
import { RunNotFoundError } from "../lib/errors";
import { capPositions, type CapPosition, type HoldLimit, spentThisMonth, spentToday } from "./spend-caps";

/**
 * Where the run's tenant stands: why a hold of `amountMicros` more would be refused (the balance, or the daily
 * or monthly cap, as the hold statements check them), the caps' positions and the periods already warned of.
 * A read for what extendHold, which answers only yes or no, does not say: the reason of a route it turned
 * down, or the caps a route it took brought to 80% (pass 0). The hold statement decided; this only explains.
 */
export async function readHoldLimit(
  db: Sql,
  runId: string,
  amountMicros: number,
): Promise<{ limit: HoldLimit; caps: CapPosition[]; warned: { daily: string | null; monthly: string | null } }> {
  const [row] = await runQuery(
    db,
    typedSql
      .selectFrom("agent_runs as r")
      .innerJoin("tenants", "tenants.id", "r.tenant_id")
      .select([
        "tenants.balance_micros as balance",
        "tenants.daily_cap_micros as dailyCap",
        "tenants.monthly_cap_micros as monthlyCap",
        sql<string>`${spentToday}`.as("spentDay"),
        sql<string>`${spentThisMonth}`.as("spentMonth"),
        sql<string | null>`tenants.cap_warned_day::text`.as("warnedDay"),
        sql<string | null>`tenants.cap_warned_month::text`.as("warnedMonth"),
      ])
      .where("r.id", "=", runId),
  );
  if (!row) throw new RunNotFoundError(runId);
  const caps = capPositions(row);
  const crossed = caps.find((c) => c.spentMicros + amountMicros > c.capMicros);
  const limit: HoldLimit =
    toMicros(row.balance) < amountMicros
      ? "balance"
      : crossed
        ? crossed.period === "daily"
          ? "daily_cap"
          : "monthly_cap"
        : "balance";
  return { limit, caps, warned: { daily: row.warnedDay, monthly: row.warnedMonth } };
}
