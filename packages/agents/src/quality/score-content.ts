import type { TaskInput } from "../tasks/task-input";

export interface QualityCheck {
  name: string;
  isPassed: boolean;
  weight: number;
  detail: string;
}

export interface QualityReport {
  /** 0–1, the weighted share of checks passed. */
  score: number;
  checks: QualityCheck[];
  /** Why the checks fail the piece outright, whatever the score: it was cut off. */
  failure?: "truncated";
}

export interface ScoreContentInput {
  role: TaskInput["role"];
  text: string;
  targetWords: number;
  keywords: string[];
  bannedPhrases: string[];
  requiredPhrases: string[];
  /** The generation stopped at max_tokens even after its one continuation. */
  isTruncated?: boolean;
  /** Products and calls to action the brief named (specialist extraction): the piece must mention each. */
  briefItems?: string[];
}

/**
 * The checks a content lead makes before reading closely: that the piece is complete (not
 * cut off at max_tokens), length against the ask, the structure the kind of content needs,
 * banned and required phrases, keywords.
 * No LLM call: this runs on every success and must be cheap and repeatable.
 */
export function scoreContent(input: ScoreContentInput): QualityReport {
  const words = countWords(input.text);
  const lower = input.text.toLowerCase();
  const ratio = words / input.targetWords;
  const keywordsUsed = keywordShare(input.keywords, lower);
  const checks: QualityCheck[] = [
    check(
      "complete",
      !input.isTruncated,
      4,
      input.isTruncated ? "truncated: cut off at max_tokens after one continuation" : "ended on its own",
    ),
    check("length", ratio >= 0.75 && ratio <= 1.3, 3, `${words} words for a target of ${input.targetWords}`),
    ...structureChecks(input.role, input.text),
    check(
      "no_banned_phrases",
      !input.bannedPhrases.some((p) => lower.includes(p.toLowerCase())),
      2,
      banned(input.bannedPhrases, lower),
    ),
    check(
      "required_phrases",
      input.requiredPhrases.every((p) => lower.includes(p.toLowerCase())),
      1,
      `${input.requiredPhrases.length} required`,
    ),
    check("keywords", keywordsUsed >= 0.5, 1, `${Math.round(keywordsUsed * 100)}% of keywords used`),
    ...briefItemsCheck(input.briefItems ?? [], lower),
    check(
      "no_placeholders",
      !/\[(insert|todo|tbd)[^\]]*\]|lorem ipsum/i.test(input.text),
      2,
      "no template placeholders left",
    ),
  ];
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  const passed = checks.reduce((sum, c) => sum + (c.isPassed ? c.weight : 0), 0);
  const score = Math.round((passed / total) * 1000) / 1000;
  return input.isTruncated ? { score, checks, failure: "truncated" } : { score, checks };
}

function structureChecks(role: TaskInput["role"], text: string): QualityCheck[] {
  const headings = text.match(/^##\s+\S/gm)?.length ?? 0;
  switch (role) {
    case "blog-writer":
      return [
        check("title", /^#\s+\S/m.test(text), 1, "a '# ' title"),
        check("sections", headings >= 3, 2, `${headings} '## ' sections (3 or more)`),
      ];
    case "strategy-writer":
    case "context-file-writer":
      return [check("sections", headings >= 4, 2, `${headings} '## ' sections (4 or more)`)];
    case "email-writer":
      return [check("subject_line", /^subject:\s*\S/im.test(text), 2, "a 'Subject:' line")];
    case "social-post-writer":
      return [check("hashtags", (text.match(/#[a-z]\w+/gi)?.length ?? 0) <= 3, 1, "at most 3 hashtags")];
  }
}

/** A product or call to action the brief named and the piece left out fails; none named, no check. */
function briefItemsCheck(items: string[], lower: string): QualityCheck[] {
  if (items.length === 0) return [];
  const missing = items.filter((item) => !lower.includes(item.toLowerCase()));
  const detail = missing.length
    ? `missing what the brief named: ${missing.join(", ")}`
    : `mentions all ${items.length}`;
  return [check("brief_items", missing.length === 0, 2, detail)];
}

function check(name: string, isPassed: boolean, weight: number, detail: string): QualityCheck {
  return { name, isPassed, weight, detail };
}

function banned(phrases: string[], lower: string): string {
  const found = phrases.filter((p) => lower.includes(p.toLowerCase()));
  return found.length ? `uses ${found.join(", ")}` : "none used";
}

function keywordShare(keywords: string[], lower: string): number {
  if (keywords.length === 0) return 1;
  return keywords.filter((k) => lower.includes(k.toLowerCase())).length / keywords.length;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
