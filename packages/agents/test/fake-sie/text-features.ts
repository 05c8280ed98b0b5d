/** Text features the fake's deterministic "models" share: lower-cased word tokens and a 32-bit hash. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const STOPWORDS = new Set(
  (
    "a an and are as at be by for from has have in is it its of on or our the this that to was we will " +
    "with you your"
  ).split(" "),
);

export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** FNV-1a over UTF-16 code units: fast, stable across runs, good enough spread for feature hashing. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
