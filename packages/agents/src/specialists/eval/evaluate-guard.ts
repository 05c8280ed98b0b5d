import type { SpecialistProvider, SpecialistSource } from "../types";
import { type GuardMetrics, guardMetrics, pickThreshold, type ScoredPair } from "./guard-metrics";
import type { LabelledPair } from "./labelled-sets";

export interface GuardEvaluation {
  source: SpecialistSource;
  scored: ScoredPair[];
  /** At the threshold given, or the F1-best one when none was. */
  metrics: GuardMetrics;
}

/**
 * Scores every labelled pair with the provider (one similarity call per pair, as the guard would make)
 * and measures precision, recall and F1 of "score ≥ threshold means duplicate".
 */
export async function evaluateGuard(
  provider: SpecialistProvider,
  pairs: readonly LabelledPair[],
  threshold?: number,
): Promise<GuardEvaluation> {
  const scored: ScoredPair[] = [];
  let source: SpecialistSource | undefined;
  for (const pair of pairs) {
    const result = await provider.similarity(pair.a, [pair.b]);
    source = result.source;
    scored.push({ id: pair.id, score: result.scores[0] ?? 0, isDuplicate: pair.duplicate });
  }
  if (!source) throw new RangeError("evaluateGuard needs at least one labelled pair");
  const metrics = threshold === undefined ? pickThreshold(scored) : guardMetrics(scored, threshold);
  return { source, scored, metrics };
}
