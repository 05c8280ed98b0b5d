import { contentWords } from "./text-features";

/**
 * A stand-in for a cross-encoder: the overlap of content-word sets, |Q ∩ D| / sqrt(|Q|·|D|), in [0, 1].
 * Crude on purpose; it only has to order an on-topic document above an off-topic one.
 */
export function overlapScore(query: string, document: string): number {
  const q = new Set(contentWords(query));
  const d = new Set(contentWords(document));
  if (q.size === 0 || d.size === 0) return 0;
  let shared = 0;
  for (const word of q) if (d.has(word)) shared++;
  return shared / Math.sqrt(q.size * d.size);
}
