/** Calendar arithmetic on UTC days for the date rules; every result is an ISO date (YYYY-MM-DD). */

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function monthEnd(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * A quarter's first and last day. Without a year it is the quarter not yet over: this year's, or next
 * year's when this year's has ended (a brief written in November about "Q2" means next spring).
 */
export function quarterDates(quarter: number, year: number | undefined, now: Date): { start: string; end: string } {
  const firstMonth = 3 * (quarter - 1) + 1;
  const thisYear = now.getUTCFullYear();
  const isOver = monthEnd(thisYear, firstMonth + 2) < isoDate(thisYear, now.getUTCMonth() + 1, now.getUTCDate());
  const resolvedYear = year ?? (isOver ? thisYear + 1 : thisYear);
  return { start: isoDate(resolvedYear, firstMonth, 1), end: monthEnd(resolvedYear, firstMonth + 2) };
}

/** Black Friday is the day after the fourth Thursday of November; Cyber Monday the Monday after. The next one. */
export function shoppingDay(name: string, now: Date): string {
  const dayFor = (year: number) => {
    const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
    const blackFriday = firstThursday + 21 + 1;
    return isoDate(year, 11, name === "cyber monday" ? blackFriday + 3 : blackFriday);
  };
  const today = isoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  const thisYear = dayFor(now.getUTCFullYear());
  return thisYear >= today ? thisYear : dayFor(now.getUTCFullYear() + 1);
}

/** "this week": today to Sunday; "next week": the following Monday to Sunday (weeks start on Monday). */
export function weekDates(which: "this" | "next", now: Date): { start: string; end: string } {
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  const day = (offset: number) => isoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate() + offset);
  if (which === "this") return { start: day(0), end: day(6 - sinceMonday) };
  return { start: day(7 - sinceMonday), end: day(13 - sinceMonday) };
}
