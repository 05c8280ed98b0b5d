import { type RawBuilder, sql } from "kysely";

/**
 * A tenant's running spend: settled charges plus open holds, counted on the tenant row for the current
 * UTC day and month, so every statement that moves credits keeps them under the row lock it already takes
 * and the hold checks the caps with no race. A hold counts in the day and month it was taken (the run's
 * `held_on`); its settlement or release moves those counters only while that period is still the current
 * one (a day's spend is closed at midnight UTC). A counter whose period has passed reads as zero.
 */
const TODAY = sql<string>`(now() AT TIME ZONE 'UTC')::date`;
const THIS_MONTH = sql<string>`date_trunc('month', now() AT TIME ZONE 'UTC')::date`;

/** The period start a hold taken today is recorded under (agent_runs.held_on). */
export const heldToday = TODAY;

/** The tenant's counters as they stand now: a counter of a past period is zero. */
export const spentToday = sql<string>`(CASE WHEN tenants.spend_day = ${TODAY}
  THEN tenants.spend_day_micros ELSE 0 END)`;
export const spentThisMonth = sql<string>`(CASE WHEN tenants.spend_month = ${THIS_MONTH}
  THEN tenants.spend_month_micros ELSE 0 END)`;

export interface SpendMove {
  /** The run's `held_on` before the statement (the period its open hold counts in); may be NULL. */
  heldOn: RawBuilder<unknown> | string;
  /** Added to the counters of the period `heldOn` names, if still current (negative: a release). */
  onHeldDay: RawBuilder<unknown> | string;
  /** Added to today's and this month's counters whatever `heldOn` is (a new hold). */
  today: RawBuilder<unknown> | string;
}

function ref(value: RawBuilder<unknown> | string) {
  return typeof value === "string" ? sql.raw(value) : value;
}

/** The counters after a move: the day's and the month's. */
export function spendAfter(move: SpendMove) {
  const heldOn = ref(move.heldOn);
  const onHeldDay = ref(move.onHeldDay);
  const today = ref(move.today);
  return {
    day: sql<string>`(${spentToday} + CASE WHEN ${heldOn} = ${TODAY} THEN ${onHeldDay} ELSE 0 END + ${today})`,
    month: sql<string>`(${spentThisMonth}
      + CASE WHEN date_trunc('month', ${heldOn})::date = ${THIS_MONTH} THEN ${onHeldDay} ELSE 0 END + ${today})`,
  };
}

/** The SET list of the tenant row for a move: both counters, rolled to the current period. */
export function spendColumns(move: SpendMove) {
  const after = spendAfter(move);
  return {
    spend_day: TODAY,
    spend_day_micros: after.day,
    spend_month: THIS_MONTH,
    spend_month_micros: after.month,
  };
}

/** Whether a move keeps the tenant within both caps (a missing cap never binds). */
export function fitsCaps(move: SpendMove) {
  const after = spendAfter(move);
  return sql<boolean>`(tenants.daily_cap_micros IS NULL OR ${after.day} <= tenants.daily_cap_micros)
    AND (tenants.monthly_cap_micros IS NULL OR ${after.month} <= tenants.monthly_cap_micros)`;
}

/**
 * How far a charge may exceed its hold before crossing a cap: the smaller headroom of the two caps that
 * the hold's period still counts in, never negative; NULL when no cap binds. Settlement charges usage
 * above the hold only this far (as it does only as far as the balance allows).
 */
export function capHeadroom(heldOn: RawBuilder<unknown> | string) {
  const day = ref(heldOn);
  return sql<string | null>`LEAST(
    CASE WHEN ${day} = ${TODAY} AND tenants.daily_cap_micros IS NOT NULL
      THEN GREATEST(tenants.daily_cap_micros - ${spentToday}, 0) END,
    CASE WHEN date_trunc('month', ${day})::date = ${THIS_MONTH} AND tenants.monthly_cap_micros IS NOT NULL
      THEN GREATEST(tenants.monthly_cap_micros - ${spentThisMonth}, 0) END)`;
}

/** Which limit turned a hold down, for the refusal's reason and message. */
export type HoldLimit = "balance" | "daily_cap" | "monthly_cap";

/** 80% of a cap: where the owners are warned. */
export const CAP_WARNING_SHARE = 0.8;

export interface CapPosition {
  period: "daily" | "monthly";
  capMicros: number;
  spentMicros: number;
}

/** The caps a position has reached the warning share of. */
export function capsToWarn(positions: CapPosition[]): CapPosition[] {
  return positions.filter((p) => p.spentMicros >= p.capMicros * CAP_WARNING_SHARE);
}

/** The caps at the warning share whose warning has not gone out this period. */
export function capsToWarnNow(
  positions: CapPosition[],
  warned: { daily: string | null; monthly: string | null },
): CapPosition[] {
  return capsToWarn(positions).filter((cap) => warned[cap.period] !== periodStart(cap.period));
}

type Micros = number | string | bigint;

/** The tenant's position against each cap it has, from its row's caps and current spend. */
export function capPositions(row: {
  dailyCap: Micros | null;
  monthlyCap: Micros | null;
  spentDay: Micros;
  spentMonth: Micros;
}): CapPosition[] {
  const caps: CapPosition[] = [];
  if (row.dailyCap != null) {
    caps.push({ period: "daily", capMicros: Number(row.dailyCap), spentMicros: Number(row.spentDay) });
  }
  if (row.monthlyCap != null) {
    caps.push({ period: "monthly", capMicros: Number(row.monthlyCap), spentMicros: Number(row.spentMonth) });
  }
  return caps;
}

/** The start of the current UTC period a cap counts, as the hold statement records it (YYYY-MM-DD). */
export function periodStart(period: CapPosition["period"], now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return period === "daily" ? day : `${day.slice(0, 8)}01`;
}
