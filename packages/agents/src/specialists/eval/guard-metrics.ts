/** A pair's similarity score and its label: the evaluator's unit. */
export interface ScoredPair {
  id: string;
  score: number;
  isDuplicate: boolean;
}

export interface GuardMetrics {
  /** A pair is called a duplicate when its score is at or above this. */
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** 0 when nothing was called a duplicate (no evidence of precision), likewise recall with no duplicates. */
  precision: number;
  recall: number;
  f1: number;
}

export function guardMetrics(pairs: readonly ScoredPair[], threshold: number): GuardMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (const pair of pairs) {
    const isCalled = pair.score >= threshold;
    if (isCalled && pair.isDuplicate) truePositives++;
    else if (isCalled) falsePositives++;
    else if (pair.isDuplicate) falseNegatives++;
    else trueNegatives++;
  }
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}

/**
 * The threshold with the best F1 on these pairs. Only the observed scores can change a decision, so each is
 * tried as a cut; the winner is then moved halfway down to the next lower score, which decides these pairs
 * identically but leaves the widest margin for pairs not in the set. Ties go to the higher cut (fewer
 * false alarms).
 */
export function pickThreshold(pairs: readonly ScoredPair[]): GuardMetrics {
  const cuts = [...new Set(pairs.map((p) => p.score))].sort((a, b) => b - a);
  const [highest] = cuts;
  if (highest === undefined) return guardMetrics(pairs, Number.POSITIVE_INFINITY);
  let bestIndex = 0;
  let best = guardMetrics(pairs, highest);
  cuts.forEach((cut, index) => {
    const metrics = guardMetrics(pairs, cut);
    if (metrics.f1 > best.f1) [best, bestIndex] = [metrics, index];
  });
  const below = cuts[bestIndex + 1];
  // best.threshold is the winning cut, cuts[bestIndex].
  return below === undefined ? best : { ...best, threshold: (best.threshold + below) / 2 };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
