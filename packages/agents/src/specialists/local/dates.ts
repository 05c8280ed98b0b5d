import * as chrono from "chrono-node";
import type { ExtractedDate } from "../types";
import { isoDate, monthEnd, quarterDates, shoppingDay, weekDates } from "./date-arithmetic";

/**
 * Dates a brief mentions, resolved against `now` (UTC calendar days). chrono-node reads the ordinary
 * forms, absolute and relative ("March 3", "next Friday", "in two weeks", "end of the month"), always
 * forward in time; the rules here add what it does not know and marketing briefs use: quarters ("Q3",
 * "end of Q2") and the shopping days (Black Friday, Cyber Monday).
 *
 * A mention resolves to the first day it covers (`start`) and, for spans, the last (`end`): "in March" is
 * March 1–31, "Q3" July 1 – September 30, "next week" its Monday–Sunday, "this week" today to Sunday.
 */
export function findDates(text: string, now: Date): ExtractedDate[] {
  const found: Array<ExtractedDate & { index: number; length: number }> = [];
  for (const rule of CUSTOM_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const resolved = rule.resolve(match, now);
      if (resolved) found.push({ ...resolved, text: match[0], index: match.index, length: match[0].length });
    }
  }
  const overlapsCustom = (index: number, length: number) =>
    found.some((f) => index < f.index + f.length && f.index < index + length);
  for (const result of chrono.en.parse(text, { instant: now, timezone: "UTC" }, { forwardDate: true })) {
    if (overlapsCustom(result.index, result.text.length) || !isDateMention(result)) continue;
    found.push({ ...fromChrono(result, now), text: result.text, index: result.index, length: result.text.length });
  }
  found.sort((a, b) => a.index - b.index);
  const byDays = new Map<string, ExtractedDate>();
  for (const { text: mention, start, end } of found) {
    const key = `${start}|${end ?? ""}`;
    if (!byDays.has(key)) byDays.set(key, { text: trimPreposition(mention), start, ...(end ? { end } : {}) });
  }
  return [...byDays.values()];
}

/** A span a model labelled "date", resolved the same way; `start` is null when nothing in it is a date. */
export function resolveDateMention(mention: string, now: Date): ExtractedDate {
  const [first] = findDates(mention, now);
  return first ? { ...first, text: trimPreposition(mention) } : { text: trimPreposition(mention), start: null };
}

interface CustomRule {
  pattern: RegExp;
  resolve(match: RegExpMatchArray, now: Date): Omit<ExtractedDate, "text"> | undefined;
}

const ORDINAL_QUARTER: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4 };

const CUSTOM_RULES: readonly CustomRule[] = [
  {
    pattern: /\b(end of )?(?:q([1-4])|(first|second|third|fourth) quarter)(?:,? (?:of )?(\d{4}))?\b/gi,
    resolve(match, now) {
      const quarter = Number(match[2] ?? ORDINAL_QUARTER[(match[3] ?? "").toLowerCase()]);
      const { start, end } = quarterDates(quarter, match[4] ? Number(match[4]) : undefined, now);
      return match[1] ? { start: end, end } : { start, end };
    },
  },
  {
    pattern: /\b(black friday|cyber monday)\b/gi,
    resolve: (match, now) => ({ start: shoppingDay((match[1] ?? "").toLowerCase(), now) }),
  },
  {
    pattern: /\b(this|next) week\b/gi,
    resolve: (match, now) => weekDates((match[1] ?? "").toLowerCase() === "next" ? "next" : "this", now),
  },
];

/**
 * chrono also reads words that are not dates in a brief: "now" ("now with SSO"), "24/7", and durations,
 * which it takes as counting from today ("free for 30 days", "cut the cycle by 18 days", "one a day",
 * "booked two months ahead"). A duration is a date only with "in" ("in two weeks"), which chrono keeps in
 * the text. A mention must also fix at least a weekday, a day or a month, or name a month.
 */
const BARE_DURATION =
  /^(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several) (?:day|week|month|year)s?$/;

function isDateMention(result: chrono.ParsedResult): boolean {
  const text = result.text.toLowerCase();
  if (text === "now" || /^24\/7$/.test(text) || /^for /.test(text) || BARE_DURATION.test(text)) return false;
  const start = result.start;
  return start.isCertain("day") || start.isCertain("weekday") || start.isCertain("month") || /\bmonth\b/.test(text);
}

function fromChrono(result: chrono.ParsedResult, now: Date): Omit<ExtractedDate, "text"> {
  const { start, end } = result;
  const year = start.get("year") ?? now.getUTCFullYear();
  const month = start.get("month") ?? now.getUTCMonth() + 1;
  const day = start.get("day") ?? 1;
  // A month named without a day ("in March", "next month") covers the whole month.
  if (!start.isCertain("day") && !start.isCertain("weekday") && !end) {
    return { start: isoDate(year, month, 1), end: monthEnd(year, month) };
  }
  const endIso = end ? isoDate(end.get("year") ?? year, end.get("month") ?? month, end.get("day") ?? day) : undefined;
  return { start: isoDate(year, month, day), ...(endIso ? { end: endIso } : {}) };
}

function trimPreposition(mention: string): string {
  return mention.trim().replace(/^(?:on|by|before|until|till|from|starting|due)\s+/i, "");
}
