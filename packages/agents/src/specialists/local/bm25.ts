import { contentTokens } from "./tokenize";

/**
 * Okapi BM25 of each document against a query, with the corpus being the documents given (the candidates
 * to rank: a tenant's approved examples, say), so no index is kept between calls.
 *
 *   score(D, Q) = Σ over query terms q (repeats count) of
 *                 IDF(q) · f(q, D) · (k1 + 1) / (f(q, D) + k1 · (1 − b + b · |D| / avgdl))
 *   IDF(q)      = ln(1 + (N − n(q) + 0.5) / (n(q) + 0.5))
 *
 * f is the term's count in D, |D| the document's length in content tokens, avgdl the mean length, N the
 * number of documents and n(q) how many contain q. The "1 +" inside the log (Lucene's form) keeps IDF
 * positive when a term is in more than half the documents, which is common in a handful of candidates.
 */
export interface Bm25Options {
  /** Term-frequency saturation: how fast repeats of a term stop adding score. @defaultValue 1.2 */
  k1: number;
  /** Length normalisation: 0 ignores document length, 1 fully divides by it. @defaultValue 0.75 */
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

export function bm25Scores(query: string, documents: readonly string[], options: Bm25Options = DEFAULT_BM25): number[] {
  const docs = documents.map((text) => termCounts(contentTokens(text)));
  const lengths = docs.map((counts) => sumCounts(counts));
  const avgdl = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, documents.length);
  const queryTerms = contentTokens(query);
  const idf = new Map<string, number>();
  for (const term of new Set(queryTerms)) {
    const containing = docs.filter((counts) => counts.has(term)).length;
    idf.set(term, Math.log(1 + (documents.length - containing + 0.5) / (containing + 0.5)));
  }
  return docs.map((counts) => {
    // An empty corpus average would divide by zero; every length is then 0 and the ratio 1 is right.
    const lengthRatio = avgdl === 0 ? 1 : sumCounts(counts) / avgdl;
    const norm = options.k1 * (1 - options.b + options.b * lengthRatio);
    let score = 0;
    for (const term of queryTerms) {
      const f = counts.get(term) ?? 0;
      if (f > 0) score += (idf.get(term) ?? 0) * ((f * (options.k1 + 1)) / (f + norm));
    }
    return score;
  });
}

function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

function sumCounts(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}
