import type { RankedDocument } from "./types";

/** Every index, best score first; ties keep the order given, so equal candidates rank stably. */
export function rankByScore(scores: readonly number[]): RankedDocument[] {
  return scores
    .map((score, index) => ({ index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry, rank) => ({ ...entry, rank }));
}
