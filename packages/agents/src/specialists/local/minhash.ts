import { tokenize } from "./tokenize";

/**
 * MinHash over word shingles (Broder 1997): each of `permutations` universal hash functions
 * h(x) = (a·x + b) mod p, p = 2^31 − 1, maps every shingle; a signature keeps each function's minimum.
 * The fraction of positions where two signatures agree estimates the Jaccard similarity of the shingle
 * sets, with standard error sqrt(J(1 − J)/permutations) (≈ 0.044 at J = 0.5 with 128).
 * The seed fixes the functions, so signatures computed in different processes compare.
 */
export interface MinHashOptions {
  /** @defaultValue 128 */
  permutations: number;
  /** Words per shingle. @defaultValue 2 */
  shingleSize: number;
  /** @defaultValue 0x5eed */
  seed: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { permutations: 128, shingleSize: 2, seed: 0x5eed };

/**
 * The version of everything else a signature's values depend on: the tokenizer, how shingles are formed and
 * hashed, the PRNG that draws the hash functions. Bump it when any of them changes, so that signatures stored
 * before are made again rather than compared with new ones.
 */
export const MINHASH_VERSION = "v1";

const PRIME = 2 ** 31 - 1;
/** 2^31, and its reciprocal (exact in a double, so y · 2^-31 is y / 2^31 with no rounding). */
const TWO_31 = 2 ** 31;
const INVERSE_TWO_31 = 2 ** -31;
/** The value of an empty signature position: larger than any (a·x + b) mod p. */
const EMPTY = PRIME;

/**
 * One signature: `permutations` minima, each below 2^31 (EMPTY = 2^31 − 1 only for a text with no shingles),
 * so they fit an Int32Array, and PostgreSQL's INTEGER, exactly; a float32 would round them to 24 bits.
 */
export type MinHashSignature = Int32Array;

export interface MinHasher {
  readonly options: MinHashOptions;
  signature(text: string): MinHashSignature;
  /** Writes the text's signature into `out[offset … offset + permutations)`, allocating no signature of its own. */
  signInto(text: string, out: Int32Array, offset: number): void;
}

export function createMinHasher(options: MinHashOptions = DEFAULT_MINHASH): MinHasher {
  const { permutations, shingleSize } = options;
  const random = mulberry32(options.seed);
  const multipliers = Float64Array.from({ length: permutations }, () => 1 + Math.floor(random() * (PRIME - 1)));
  // Every b is drawn after every a, so a seed keeps the same hash functions.
  const offsets = Float64Array.from({ length: permutations }, () => Math.floor(random() * PRIME));
  // Each shingle's hash x, split into 16-bit halves; reused from text to text (signing is synchronous).
  let highs = new Float64Array(1024);
  let lows = new Float64Array(1024);

  const signInto = (text: string, out: Int32Array, offset: number) => {
    if (offset < 0 || offset + permutations > out.length) throw new RangeError("the signature does not fit `out`");
    const words = tokenize(text);
    const count = words.length === 0 ? 0 : Math.max(1, words.length - shingleSize + 1);
    if (count > highs.length) {
      highs = new Float64Array(count);
      lows = new Float64Array(count);
    }
    for (let s = 0; s < count; s++) {
      const x = shingleHash(words, s, Math.min(words.length, s + shingleSize)) % PRIME;
      highs[s] = x >>> 16;
      lows[s] = x & 0xffff;
    }
    // Function by function, the minimum over the shingles (a repeated shingle cannot change a minimum, so
    // they need no set); EMPTY, larger than any, when there are none.
    for (let j = 0; j < permutations; j++) {
      // Typed arrays read in bounds: `?? 0` never applies (it satisfies noUncheckedIndexedAccess).
      const a = multipliers[j] ?? 0;
      const b = offsets[j] ?? 0;
      let min = EMPTY;
      for (let s = 0; s < count; s++) {
        const value = hashModPrime(a, b, highs[s] ?? 0, lows[s] ?? 0);
        if (value < min) min = value;
      }
      out[offset + j] = min;
    }
  };
  return {
    options,
    signInto,
    signature(text) {
      const out = new Int32Array(permutations);
      signInto(text, out, 0);
      return out;
    },
  };
}

/** Agreeing positions / all positions; 0 when either text had no shingles (nothing to duplicate). */
export function estimateJaccard(left: Int32Array, right: Int32Array): number {
  if (left.length !== right.length) throw new RangeError("MinHash signatures of different lengths do not compare");
  const scores = new Float64Array(1);
  jaccardInto(left, right, 1, scores);
  return scores[0] ?? 0;
}

/**
 * `scores[c]` = the Jaccard estimate of `draft` against the c-th of `count` signatures stored back to back
 * in `packed` (each `draft.length` long): one pass over typed arrays, nothing allocated per candidate.
 */
export function jaccardInto(draft: Int32Array, packed: Int32Array, count: number, scores: Float64Array): void {
  const n = draft.length;
  if (packed.length < n * count || scores.length < count) throw new RangeError("fewer signatures than `count`");
  const isDraftEmpty = draft[0] === EMPTY;
  for (let c = 0, start = 0; c < count; c++, start += n) {
    if (isDraftEmpty || packed[start] === EMPTY) {
      scores[c] = 0;
      continue;
    }
    let agree = 0;
    for (let i = 0; i < n; i++) if (draft[i] === packed[start + i]) agree++;
    scores[c] = agree / n;
  }
}

/** Consecutive runs of `size` words; a text shorter than that is one shingle, so short posts still compare. */
export function wordShingles(text: string, size: number): Set<string> {
  const words = tokenize(text);
  if (words.length === 0) return new Set();
  if (words.length <= size) return new Set([words.join(" ")]);
  const shingles = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) shingles.add(words.slice(i, i + size).join(" "));
  return shingles;
}

export function exactJaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const item of left) if (right.has(item)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * (a·x + b) mod p for a, b < p and x = high·2^16 + low < 2^31, exactly. a·x can reach 2^62, past the 2^53 a
 * double holds, so x is split into 16-bit halves and each partial product (below 2^48) is reduced modulo the
 * Mersenne prime p = 2^31 − 1 by folding: y = q·2^31 + r ≡ q + r (mod p), which needs no division.
 */
export function hashModPrime(a: number, b: number, high: number, low: number): number {
  const partial = mersenneFold(a * high);
  const value = mersenneFold(partial * 65536 + a * low) + b;
  return value >= PRIME ? value - PRIME : value;
}

/** y mod p for an integer 0 ≤ y < 2^48 (then q < 2^17 and q + r < 2p, so one subtraction finishes it). */
function mersenneFold(y: number): number {
  const q = Math.floor(y * INVERSE_TWO_31);
  const folded = q + (y - q * TWO_31);
  return folded >= PRIME ? folded - PRIME : folded;
}

/**
 * FNV-1a of words[from … to) joined by single spaces, without building the string: the same value as
 * hashing `words.slice(from, to).join(" ")`, which is what a shingle is (see wordShingles).
 */
function shingleHash(words: readonly string[], from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    if (w > from) hash = Math.imul(hash ^ 0x20, 0x01000193);
    const word = words[w] ?? "";
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** A small seeded PRNG (mulberry32) so the hash family is the same in every process. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
