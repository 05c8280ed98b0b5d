import type { BriefExtraction, SpecialistProvider, SpecialistSource } from "../types";
import type { ExpectedBrief, LabelledBrief } from "./labelled-sets";
import { isSamePhraseSet } from "./phrase-match";

export const BRIEF_FIELDS = ["products", "dates", "audience", "callsToAction", "needsAnalysis"] as const;
export type BriefField = (typeof BRIEF_FIELDS)[number];

export interface FieldAccuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export interface ExtractionMiss {
  id: string;
  field: BriefField;
  expected: unknown;
  found: unknown;
}

export interface ExtractionEvaluation {
  source: SpecialistSource;
  perField: Record<BriefField, FieldAccuracy>;
  /** Briefs with every field right. */
  allFieldsCorrect: number;
  misses: ExtractionMiss[];
}

/**
 * A field is right for a brief when it matches the label as a whole: products exactly (dictionary spelling,
 * any order), dates by the days they start on, audience and calls to action by loose phrase matching,
 * the analysis flag exactly. Accuracy is the share of briefs for which the field is right.
 */
export async function evaluateExtraction(
  provider: SpecialistProvider,
  briefs: readonly LabelledBrief[],
): Promise<ExtractionEvaluation> {
  const correct = Object.fromEntries(BRIEF_FIELDS.map((field) => [field, 0])) as Record<BriefField, number>;
  const misses: ExtractionMiss[] = [];
  let allFieldsCorrect = 0;
  let source: SpecialistSource | undefined;
  for (const brief of briefs) {
    const found = await provider.extract(brief.text, { products: brief.products, now: brief.now });
    source = found.source;
    let isAllRight = true;
    for (const field of BRIEF_FIELDS) {
      if (isFieldRight(field, brief.expected, found)) correct[field]++;
      else {
        isAllRight = false;
        misses.push({ id: brief.id, field, expected: brief.expected[field], found: foundValue(field, found) });
      }
    }
    if (isAllRight) allFieldsCorrect++;
  }
  if (!source) throw new RangeError("evaluateExtraction needs at least one labelled brief");
  const total = briefs.length;
  const perField = Object.fromEntries(
    BRIEF_FIELDS.map((field) => [field, { correct: correct[field], total, accuracy: correct[field] / total }]),
  ) as Record<BriefField, FieldAccuracy>;
  return { source, perField, allFieldsCorrect, misses };
}

function isFieldRight(field: BriefField, expected: ExpectedBrief, found: BriefExtraction): boolean {
  switch (field) {
    case "products":
      return sameSet(expected.products.map(lower), found.products.map(lower));
    case "dates":
      return sameSet(
        expected.dates,
        found.dates.map((d) => d.start ?? `unresolved:${d.text}`),
      );
    case "audience":
      return isSamePhraseSet(expected.audience, found.audience);
    case "callsToAction":
      return isSamePhraseSet(expected.callsToAction, found.callsToAction);
    case "needsAnalysis":
      return expected.needsAnalysis === found.needsAnalysis;
  }
}

function foundValue(field: BriefField, found: BriefExtraction): unknown {
  return field === "dates" ? found.dates.map((d) => d.start ?? `unresolved:${d.text}`) : found[field];
}

const lower = (text: string) => text.toLowerCase();

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  return a.size === b.size && [...a].every((value) => b.has(value));
}
