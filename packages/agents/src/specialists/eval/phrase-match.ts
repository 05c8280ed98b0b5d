import { contentTokens } from "../local/tokenize";

/**
 * Whether two phrases name the same thing, loosely: one's content words contain the other's ("cmos" and
 * "cmos at mid-size companies", "order" and "pre order"), or they share at least half their words.
 * Free-text fields (audience, calls to action) are phrased many ways; exact equality would grade wording.
 */
export function isSamePhrase(left: string, right: string): boolean {
  const a = new Set(contentTokens(left));
  const b = new Set(contentTokens(right));
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  const shared = [...a].filter((token) => b.has(token)).length;
  return shared === a.size || shared === b.size || shared / (a.size + b.size - shared) >= 0.5;
}

/** Every expected phrase matched by a distinct found one, and nothing found left over. */
export function isSamePhraseSet(expected: readonly string[], found: readonly string[]): boolean {
  if (expected.length !== found.length) return false;
  const unused = [...found];
  for (const phrase of expected) {
    const at = unused.findIndex((candidate) => isSamePhrase(phrase, candidate));
    if (at < 0) return false;
    unused.splice(at, 1);
  }
  return true;
}
