import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadNearDuplicatePairs } from "../eval/labelled-sets";
import {
  createMinHasher,
  DEFAULT_MINHASH,
  estimateJaccard,
  exactJaccard,
  hashModPrime,
  jaccardInto,
  wordShingles,
} from "./minhash";

const PRIME = 2 ** 31 - 1;
const fixtures = fileURLToPath(new URL("../../../test/fixtures/specialists/near-duplicates.json", import.meta.url));
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

  it.each([
    // sha256 of every labelled text's signature, one comma-separated line each, as computed by the
    // implementation that first shipped (commit 276e87e): signatures stored since then stay comparable.
    [DEFAULT_MINHASH, "956d01add0db0e14bdec7678457aa0662b461e53b3a3833efe5c5d1ceea2392d"],
    [{ permutations: 64, shingleSize: 3, seed: 7 }, "936c4130bdd51c14d8599ff918eb9f6b47f2a2116cd57731275a81231f7fe7a9"],
  ])("gives the signatures it always gave (%o)", async (options, digest) => {
    const pairs = await loadNearDuplicatePairs(fixtures);
    const minHasher = createMinHasher(options);
    const hash = createHash("sha256");
    for (const text of pairs.flatMap((p) => [p.a, p.b])) hash.update(`${minHasher.signature(text).join(",")}\n`);
    expect(hash.digest("hex")).toBe(digest);
  });

  it("computes (a·x + b) mod (2^31 − 1) exactly, edges included", () => {
    const below = (n: number) => fc.integer({ min: 0, max: n - 1 });
    const edges = (n: number) => fc.oneof(below(n), fc.constantFrom(0, 1, n - 2, n - 1));
    fc.assert(
      fc.property(edges(PRIME), edges(PRIME), edges(PRIME), (a, b, x) => {
        const exact = Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(PRIME));
        expect(hashModPrime(a, b, x >>> 16, x & 0xffff)).toBe(exact);
      }),
      { numRuns: 5000 },
    );
  });

  it("signs into a shared table and scores it in one pass, as pair by pair", () => {
    const texts = ["Spring sale starts Friday", "spring sale starts friday!", "", "Our bakery opens in Leeds"];
    const n = DEFAULT_MINHASH.permutations;
    const packed = new Int32Array(n * texts.length).fill(-1);
    texts.forEach((text, i) => hasher.signInto(text, packed, i * n));
    texts.forEach((text, i) => expect(packed.subarray(i * n, (i + 1) * n)).toEqual(hasher.signature(text)));
    const draft = hasher.signature("Spring sale starts on Friday");
    const scores = new Float64Array(texts.length);
    jaccardInto(draft, packed, texts.length, scores);
    expect(Array.from(scores)).toEqual(texts.map((t) => estimateJaccard(draft, hasher.signature(t))));
    expect(() => hasher.signInto("x", packed, packed.length - n + 1)).toThrow(RangeError);
  });

  it("refuses to compare signatures of different lengths", () => {
    const short = createMinHasher({ ...DEFAULT_MINHASH, permutations: 16 });
    expect(() => estimateJaccard(short.signature("x y"), hasher.signature("x y"))).toThrow(RangeError);
  });
});
