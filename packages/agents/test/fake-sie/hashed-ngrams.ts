import { fnv1a, words } from "./text-features";

/**
 * A stand-in for a dense encoder: a signed, hashed bag of character trigrams (words padded with spaces so
 * word starts and ends count), scaled to unit length. Rewordings share most trigrams and land close;
 * unrelated texts share few and land near zero, which is the property tests of similarity need.
 */
export function hashedNgramVector(text: string, dims: number, n = 3): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (const word of words(text)) {
    const padded = ` ${word} `;
    for (let i = 0; i + n <= padded.length; i++) {
      const hash = fnv1a(padded.slice(i, i + n));
      // The top bit picks the sign so colliding features cancel on average instead of piling up.
      vector[hash % dims]! += hash & 0x80000000 ? -1 : 1;
    }
  }
  const norm = Math.hypot(...vector);
  // An empty text still gets a unit vector, as a real encoder's would be.
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((x) => x / norm);
}
