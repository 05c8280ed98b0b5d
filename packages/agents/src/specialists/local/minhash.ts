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

const PRIME = 2 ** 31 - 1;
/** The value of an empty signature position: larger than any (a·x + b) mod p. */
const EMPTY = PRIME;

export interface MinHasher {
  readonly options: MinHashOptions;
  signature(text: string): Uint32Array;
}

export function createMinHasher(options: MinHashOptions = DEFAULT_MINHASH): MinHasher {
  const random = mulberry32(options.seed);
  const multipliers = Array.from({ length: options.permutations }, () => 1 + Math.floor(random() * (PRIME - 1)));
  const functions = multipliers.map((a) => ({ a, b: 0 }));
  // Every b is drawn after every a, so a seed keeps the same hash functions.
  for (const f of functions) f.b = Math.floor(random() * PRIME);
  return {
    options,
    signature(text) {
      const xs = Array.from(wordShingles(text, options.shingleSize), (shingle) => fnv1a(shingle) % PRIME);
      // Each function's minimum over the shingles; EMPTY, larger than any, when there are none.
      const minimumOf = ({ a, b }: { a: number; b: number }) =>
        xs.reduce((min, x) => Math.min(min, (mulModPrime(a, x) + b) % PRIME), EMPTY);
      return Uint32Array.from(functions, minimumOf);
    },
  };
}

/** Agreeing positions / all positions; 0 when either text had no shingles (nothing to duplicate). */
export function estimateJaccard(left: Uint32Array, right: Uint32Array): number {
  if (left.length !== right.length) throw new RangeError("MinHash signatures of different lengths do not compare");
  if (left[0] === EMPTY || right[0] === EMPTY) return 0;
  let agree = 0;
  for (let i = 0; i < left.length; i++) if (left[i] === right[i]) agree++;
  return agree / left.length;
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
 * (a·x) mod p without losing precision: a and x are below 2^31, so a·x can reach 2^62, past the 2^53 a
 * double holds exactly. Splitting x into 16-bit halves keeps every intermediate below 2^47.
 */
function mulModPrime(a: number, x: number): number {
  const high = x >>> 16;
  const low = x & 0xffff;
  return (((a * high) % PRIME) * 65536 + a * low) % PRIME;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
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
