/**
 * Word tokens for the offline specialists: Unicode letters and digits, lower-cased, NFKC-folded so
 * full-width and ligature forms match. Apostrophes and hyphens split words ("sign-up" → sign, up), which
 * keeps "sign up" and "sign-up" the same to both MinHash and BM25.
 */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** Function words that carry no topic; BM25's IDF would down-weight them anyway, but not in a corpus of 3. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about after all also am an and any are as at be because been before being but by can could did do does " +
    "for from had has have he her here him his how i if in into is it its just me more most my no nor not of " +
    "off on once only or other our ours out over own same she so some such than that the their them then there " +
    "these they this those through to too under until up very was we were what when where which while who whom " +
    "will with would you your yours"
  ).split(" "),
);

export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => !STOPWORDS.has(token));
}
