import type { SpecialistProvider } from "../specialists";

/** What ranks examples: `rank` of the specialist layer (a cross-encoder on SIE, BM25 offline). */
export type Ranker = Pick<SpecialistProvider, "rank">;

/**
 * Splits a pool of pieces (newest first) into topic sets of `size`, each a list of pool positions in pool
 * order, the sets ordered by their newest piece (set 0 holds the newest). The sets depend on the pool and
 * the ranker alone, never on a brief: that is what keeps a role's distinct prefixes to a handful per hour.
 *
 * How: each piece is ranked against the whole pool (one `rank` call per piece; callers memoise the sets),
 * scores are scaled by the piece's score against itself and averaged both ways, so two pieces are as
 * close as they are to each other whichever one asks. Then, greedily, the unplaced piece whose `size - 1`
 * nearest unplaced pieces are closest in sum forms a set with them (ties go to the newer), so tight topics
 * are grouped first and pieces that resemble nothing end up together rather than splitting a topic. A
 * short last set is filled up with the pieces closest to its first, so every set shows `size` examples.
 */
export async function buildTopicSets(texts: readonly string[], ranker: Ranker, size: number): Promise<number[][]> {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`topic sets need a whole size of at least 1, not ${size}`);
  const all = texts.map((_, i) => i);
  if (texts.length <= size) return texts.length === 0 ? [] : [all];
  const closeness = await closenessMatrix(texts, ranker);
  const nearest = (seed: number, candidates: readonly number[], count: number) =>
    candidates
      .filter((i) => i !== seed)
      .map((i) => ({ i, closeness: closeness[seed]?.[i] ?? 0 }))
      .sort((a, b) => b.closeness - a.closeness || a.i - b.i)
      .slice(0, count);
  const sets: number[][] = [];
  let unplaced = all;
  while (unplaced.length > 0) {
    let best = { seed: unplaced[0] ?? 0, cohesion: Number.NEGATIVE_INFINITY, members: [] as number[] };
    for (const seed of unplaced) {
      const near = nearest(seed, unplaced, size - 1);
      const cohesion = near.reduce((sum, n) => sum + n.closeness, 0);
      if (cohesion > best.cohesion) best = { seed, cohesion, members: near.map((n) => n.i) };
    }
    const set = [best.seed, ...best.members];
    sets.push(set);
    unplaced = unplaced.filter((i) => !set.includes(i));
  }
  const last = sets[sets.length - 1];
  if (last && last.length < size) {
    const seed = last[0] ?? 0;
    const others = all.filter((i) => !last.includes(i));
    last.push(...nearest(seed, others, size - last.length).map((n) => n.i));
  }
  return sets.map((set) => [...set].sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** closeness[i][j]: how close pieces i and j are, 0 (nothing shared) to about 1, the same both ways. */
async function closenessMatrix(texts: readonly string[], ranker: Ranker): Promise<number[][]> {
  const scaled: number[][] = [];
  for (const [i, text] of texts.entries()) {
    const { ranking } = await ranker.rank(text, texts);
    const row = new Array<number>(texts.length).fill(0);
    for (const { index, score } of ranking) row[index] = score;
    const self = row[i] ?? 0;
    scaled.push(row.map((score) => (self > 0 ? Math.max(0, score) / self : 0)));
  }
  return scaled.map((row, i) => row.map((score, j) => (score + (scaled[j]?.[i] ?? 0)) / 2));
}
