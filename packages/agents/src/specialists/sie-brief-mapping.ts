import { canonicalProduct } from "./local/products";
import { resolveDateMention } from "./local/dates";
import type { SieEntity } from "./sie/schemas";
import type { BriefExtraction, ExtractedDate } from "./types";

/** The zero-shot labels sent to SIE's extractor, one per brief field; GLiNER reads them as plain English. */
export const BRIEF_LABELS = {
  products: "product",
  dates: "date",
  audience: "audience",
  callsToAction: "call to action",
  analysis: "analysis cue",
} as const;

/**
 * Turns the extractor's spans into brief fields. Products are kept only when they name an entry of the
 * tenant's dictionary (spelled as there), since a zero-shot model also tags competitors and generic
 * nouns; without a dictionary the spans are kept as found. Date spans are resolved to days by the same
 * resolver the offline extractor uses, so both providers' dates mean the same thing.
 */
export function briefFromEntities(
  entities: readonly SieEntity[],
  options: { products: readonly string[]; now: Date },
): Omit<BriefExtraction, "source"> {
  const spans = (label: string) =>
    entities
      .filter((e) => e.label.toLowerCase() === label)
      .map((e) => e.text.trim())
      .filter(Boolean);
  const products =
    options.products.length > 0
      ? spans(BRIEF_LABELS.products).flatMap((span) => canonicalProduct(span, options.products) ?? [])
      : spans(BRIEF_LABELS.products);
  const cues = unique(spans(BRIEF_LABELS.analysis).map(lower));
  return {
    products: unique(products),
    dates: uniqueDates(spans(BRIEF_LABELS.dates).map((span) => resolveDateMention(span, options.now))),
    audience: unique(spans(BRIEF_LABELS.audience).map(lower)),
    callsToAction: unique(spans(BRIEF_LABELS.callsToAction).map(lower)),
    needsAnalysis: cues.length > 0,
    analysisCues: cues,
  };
}

const lower = (text: string) => text.toLowerCase();
const unique = (values: readonly string[]) => [...new Set(values)];

function uniqueDates(dates: readonly ExtractedDate[]): ExtractedDate[] {
  const byDays = new Map<string, ExtractedDate>();
  for (const date of dates) {
    const key = date.start === null ? `text:${date.text}` : `${date.start}|${date.end ?? ""}`;
    if (!byDays.has(key)) byDays.set(key, date);
  }
  return [...byDays.values()];
}
