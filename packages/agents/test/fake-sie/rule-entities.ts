/**
 * A stand-in for a zero-shot extractor (GLiNER): for each requested label it knows, simple patterns find
 * spans. It is deliberately cruder than the app's offline rules (no product dictionary: it guesses
 * products from capitalised phrases) so the two are not the same code measured twice.
 */
export interface FakeEntity {
  text: string;
  label: string;
  score: number;
  start: number;
  end: number;
}

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
const WEEKDAY = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";
const RULES: Readonly<Record<string, { pattern: RegExp; score: number }>> = {
  date: {
    pattern: new RegExp(
      `\\b(?:(?:next|this) ${WEEKDAY}|${WEEKDAY}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|` +
        `\\d{1,2} ${MONTH}(?: \\d{4})?|q[1-4](?: \\d{4})?|\\d{4}-\\d{2}-\\d{2}|tomorrow|` +
        "(?:next|this) (?:week|month|quarter)|end of (?:the )?month)\\b",
      "gi",
    ),
    score: 0.9,
  },
  audience: {
    pattern: new RegExp(
      "\\b(?:aimed at|targeting|for) ((?:[a-z-]+ ){0,3}(?:teams|owners|managers|leads|buyers|customers|users|" +
        "founders|developers|marketers|parents|students|clinics|shops|subscribers))\\b",
      "gi",
    ),
    score: 0.7,
  },
  "call to action": {
    pattern:
      /\b(?:sign up|book a demo|order|subscribe|register|download|buy|start a free trial|join|shop now|learn more)\b/gi,
    score: 0.8,
  },
  "analysis cue": {
    pattern: /\b(?:why|compare[sd]?|comparison|analy[sz]e|analysis|trade-offs?|forecast|benchmark|versus|vs\.?)\b/gi,
    score: 0.75,
  },
  product: { pattern: /\b[A-Z][a-z0-9]+(?: [A-Z][a-z0-9]+)+\b/g, score: 0.6 },
};

export function ruleEntities(text: string, labels: readonly string[]): FakeEntity[] {
  const entities: FakeEntity[] = [];
  for (const label of labels) {
    const rule = RULES[label.toLowerCase()];
    if (!rule) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const span = match[1] ?? match[0];
      const start = match.index + match[0].indexOf(span);
      entities.push({ text: span, label, score: rule.score, start, end: start + span.length });
    }
  }
  return entities;
}
