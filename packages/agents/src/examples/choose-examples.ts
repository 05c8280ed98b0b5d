import { MAX_EXAMPLES } from "../prompts/build-prompt";
import type { TaskInput } from "../tasks/task-input";
import type { ExamplesMode, PromptExamplesRecord } from "./examples-mode";
import type { Ranker } from "./topic-sets";

/** An approved piece the prompt may show as an example. */
export interface ExampleCandidate {
  id: string;
  title: string;
  body: string;
}

export interface ExampleChoice {
  /** In the order the prompt shows them: oldest first, whatever the scores, so equal choices send equal bytes. */
  examples: ExampleCandidate[];
  record: PromptExamplesRecord;
}

export interface ChooseExamplesInput {
  mode: ExamplesMode;
  /** The candidates, newest first. */
  pool: readonly ExampleCandidate[];
  /** What the job asks for: its topic, brief and keywords. */
  query: string;
  ranker: Ranker;
  /** The pool's topic sets (see buildTopicSets); asked for only in `topic_set` mode, memoised by the caller. */
  topicSets: () => Promise<number[][]>;
  /** Examples shown. @defaultValue MAX_EXAMPLES */
  size?: number;
}

/** What a job's examples are ranked against: its topic, brief and keywords. */
export function exampleQuery(task: Pick<TaskInput, "topic" | "brief" | "keywords">): string {
  return [task.topic, task.brief, task.keywords.join(", ")].filter(Boolean).join("\n");
}

/** The text a piece is ranked by: its title, then its body. */
export function exampleText(piece: Pick<ExampleCandidate, "title" | "body">): string {
  return `${piece.title}\n${piece.body}`;
}

/**
 * Chooses the examples for one job (see ExamplesMode for the three ways). A ranking that fails never
 * fails the job: the newest pieces are shown, and the record says why.
 */
export async function chooseExamples(input: ChooseExamplesInput): Promise<ExampleChoice> {
  const { mode, pool } = input;
  const size = input.size ?? MAX_EXAMPLES;
  const newest = pool.slice(0, size).map((_, i) => i);
  if (pool.length === 0) return { examples: [], record: { mode, pool: 0, examples: [] } };
  if (mode === "latest") return shown(pool, newest, { mode, pool: pool.length });
  let ranked: Awaited<ReturnType<Ranker["rank"]>>;
  let sets: number[][] = [];
  try {
    ranked = await input.ranker.rank(input.query, pool.map(exampleText));
    if (mode === "topic_set") sets = await input.topicSets();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return shown(pool, newest, { mode, pool: pool.length, fallback: `ranking failed: ${reason}`.slice(0, 300) });
  }
  const scores = new Array<number>(pool.length).fill(0);
  for (const { index, score } of ranked.ranking) scores[index] = score;
  const topK = ranked.ranking.slice(0, size).map((r) => r.index);
  const set = mode === "topic_set" ? bestSet(sets, scores) : undefined;
  const chosen = set ? (sets[set.index] ?? newest) : topK;
  return shown(
    pool,
    chosen,
    {
      mode,
      pool: pool.length,
      source: { provider: ranked.source.provider, model: ranked.source.model },
      fit: { chosen: round(meanOf(chosen.map((i) => scores[i] ?? 0))), best: round(bestFit(scores, size)) },
      ...(set && { set }),
    },
    scores,
  );
}

/** The mean score of the best `size` pieces: the fit of the best possible choice. */
export function bestFit(scores: readonly number[], size: number): number {
  return meanOf([...scores].sort((a, b) => b - a).slice(0, size));
}

/** The mean score of the pieces at these positions: the fit of a choice. */
export function fitOf(scores: readonly number[], chosen: readonly number[]): number {
  return meanOf(chosen.map((i) => scores[i] ?? 0));
}

/** The set whose pieces fit the brief best on average; ties go to the earlier set (the newer seed). */
function bestSet(sets: readonly number[][], scores: readonly number[]) {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [index, set] of sets.entries()) {
    const score = fitOf(scores, set);
    if (score > bestScore) [best, bestScore] = [index, score];
  }
  return { index: best, count: sets.length };
}

function shown(
  pool: readonly ExampleCandidate[],
  positions: readonly number[],
  record: Omit<PromptExamplesRecord, "examples">,
  scores?: readonly number[],
): ExampleChoice {
  // Oldest first: the order a reader would meet them in, and the same bytes for the same choice.
  const order = [...positions].sort((a, b) => b - a);
  const examples = order.flatMap((i) => (pool[i] ? [pool[i]] : []));
  return {
    examples,
    record: {
      ...record,
      examples: order.flatMap((i) => {
        const piece = pool[i];
        if (!piece) return [];
        return [{ id: piece.id, title: piece.title, ...(scores && { score: round(scores[i] ?? 0) }) }];
      }),
    },
  };
}

function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
