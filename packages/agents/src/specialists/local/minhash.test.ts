import { describe, expect, it } from "vitest";
import { createMinHasher, DEFAULT_MINHASH, estimateJaccard, exactJaccard, wordShingles } from "./minhash";

const hasher = createMinHasher();
const estimate = (a: string, b: string) => estimateJaccard(hasher.signature(a), hasher.signature(b));
const exact = (a: string, b: string) =>
  exactJaccard(wordShingles(a, DEFAULT_MINHASH.shingleSize), wordShingles(b, DEFAULT_MINHASH.shingleSize));

/** Texts whose shingle sets overlap by a chosen amount: `shared` common words, then `own` distinct ones. */
function overlapping(shared: number, own: number): [string, string] {
  const common = Array.from({ length: shared }, (_, i) => `common${i}`);
  const left = Array.from({ length: own }, (_, i) => `left${i}`);
  const right = Array.from({ length: own }, (_, i) => `right${i}`);
  return [[...common, ...left].join(" "), [...common, ...right].join(" ")];
}

describe("MinHash", () => {
  it.each([
    [60, 0],
    [50, 10],
    [40, 20],
    [30, 30],
    [20, 40],
    [10, 50],
    [0, 60],
  ])("estimates the Jaccard of %i shared and %i own words within 0.12", (shared, own) => {
    const [a, b] = overlapping(shared, own);
    expect(Math.abs(estimate(a, b) - exact(a, b))).toBeLessThanOrEqual(0.12);
  });

  it("has a mean absolute error near the theory's over many pairs", () => {
    const errors = Array.from({ length: 40 }, (_, i) => {
      const [a, b] = overlapping(5 + i, 45 - i);
      return Math.abs(estimate(a, b) - exact(a, b));
    });
    // Standard error is at most 0.044 at 128 permutations; the mean |error| of a normal is 0.8 of it.
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.045);
  });

  it.each([
    { a: "Spring sale starts Friday", b: "Spring sale starts Friday", expected: 1 },
    { a: "spring SALE, starts friday!", b: "Spring sale starts Friday", expected: 1 },
    { a: "", b: "Spring sale", expected: 0 },
    { a: "", b: "", expected: 0 },
  ])("$a ~ $b is $expected", ({ a, b, expected }) => {
    expect(estimate(a, b)).toBe(expected);
    expect(exact(a, b)).toBe(expected);
  });

  it("is the same in every process for the same seed, and differs for another", () => {
    const text = "Book a demo of the new ledger";
    expect(createMinHasher().signature(text)).toEqual(hasher.signature(text));
    expect(createMinHasher({ ...DEFAULT_MINHASH, seed: 7 }).signature(text)).not.toEqual(hasher.signature(text));
  });

  it.each([
    { text: "one", size: 2, expected: ["one"] },
    { text: "one two", size: 2, expected: ["one two"] },
    { text: "One, two three", size: 2, expected: ["one two", "two three"] },
    { text: "a b a b", size: 2, expected: ["a b", "b a"] },
  ])("shingles $text in $size-word runs", ({ text, size, expected }) => {
    expect([...wordShingles(text, size)]).toEqual(expected);
  });

  it("refuses to compare signatures of different lengths", () => {
    const short = createMinHasher({ ...DEFAULT_MINHASH, permutations: 16 });
    expect(() => estimateJaccard(short.signature("x y"), hasher.signature("x y"))).toThrow(RangeError);
  });
});
