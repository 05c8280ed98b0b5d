import type { ClosestPiece } from "./check-draft";

/** How much of the near-twin the regeneration's prompt quotes: enough to recognise it, not a second copy. */
const QUOTED_CHARS = 600;

/**
 * What the regeneration is told not to repeat: the piece the first draft nearly repeated, named and
 * quoted. It goes after the task in the user turn, so the cached prefix (instructions, brand, examples)
 * stays the same and the second call reads it from the cache.
 */
export function avoidRepeatNote(twin: ClosestPiece): string {
  const opening = twin.body.length > QUOTED_CHARS ? `${twin.body.slice(0, QUOTED_CHARS).trimEnd()}…` : twin.body;
  return [
    "Do not repeat this piece. It was already approved for this audience, and a first draft came out nearly the",
    `same (similarity ${twin.similarity.toFixed(2)}). Write something new: another angle, other examples, your own`,
    "structure and wording.",
    `Title: ${twin.title} (written ${twin.createdAt.toISOString().slice(0, 10)})`,
    `Opening: ${opening}`,
  ].join("\n");
}
