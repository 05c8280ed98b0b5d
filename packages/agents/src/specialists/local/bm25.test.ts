import { describe, expect, it } from "vitest";
import { bm25Scores } from "./bm25";

describe("bm25Scores", () => {
  /*
   * Worked by hand. Content tokens (stopwords dropped):
   *   d0 = solar panel installation homes solar saves money   |d0| = 7
   *   d1 = garden installation services landscaping           |d1| = 4
   *   d2 = buying used car check                               |d2| = 4      avgdl = 15 / 3 = 5
   * IDF(solar) = IDF(panel) = ln(1 + (3 − 1 + 0.5) / (1 + 0.5)) = ln 2.6667 = 0.980829
   * IDF(installation)       = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6    = 0.470004
   * d0: k1·(1 − b + b·7/5) = 1.56
   *     solar (f=2)        0.980829 · 2 · 2.2 / (2 + 1.56) = 1.212259
   *     panel (f=1)        0.980829 · 2.2 / 2.56          = 0.842900
   *     installation (f=1) 0.470004 · 2.2 / 2.56          = 0.403910   → 2.459070
   * d1: k1·(1 − b + b·4/5) = 1.02; installation 0.470004 · 2.2 / 2.02 = 0.511885
   * d2: no query term → 0
   */
  const documents = [
    "Solar panel installation for homes: solar saves money.",
    "Garden installation services and landscaping.",
    "Buying a used car: what to check.",
  ];

  it("matches the hand-computed Okapi scores (k1 = 1.2, b = 0.75)", () => {
    const scores = bm25Scores("solar panel installation", documents);
    expect(scores[0]).toBeCloseTo(2.45907, 4);
    expect(scores[1]).toBeCloseTo(0.511885, 5);
    expect(scores[2]).toBe(0);
  });

  it.each([
    { what: "b = 0 ignores length", options: { k1: 1.2, b: 0 }, d1: (0.470004 * 2.2) / 2.2 },
    { what: "k1 = 0 counts presence only", options: { k1: 0, b: 0.75 }, d1: 0.470004 },
  ])("$what", ({ options, d1 }) => {
    expect(bm25Scores("solar panel installation", documents, options)[1]).toBeCloseTo(d1, 5);
  });

  it.each([
    { what: "no documents", query: "solar", docs: [], expected: [] },
    { what: "an empty query", query: "", docs: ["solar"], expected: [0] },
    { what: "a query of stopwords", query: "the and of", docs: ["the solar"], expected: [0] },
    { what: "empty documents", query: "solar", docs: ["", ""], expected: [0, 0] },
  ])("scores $what without failing", ({ query, docs, expected }) => {
    expect(bm25Scores(query, docs)).toEqual(expected);
  });

  it("keeps IDF positive when the term is in every document", () => {
    const scores = bm25Scores("launch", ["launch day", "launch week", "launch party"]);
    expect(scores.every((s) => s > 0)).toBe(true);
  });
});
