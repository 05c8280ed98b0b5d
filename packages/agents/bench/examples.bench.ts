import { randomUUID } from "node:crypto";
import type { PrismaClient, Sql } from "@switchyard/db";
import type { z } from "zod";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { bestFit, exampleQuery, exampleText, fitOf } from "../src/examples/choose-examples";
import { type ExamplesMode, ExamplesModeSchema, PromptExamplesRecordSchema } from "../src/examples/examples-mode";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { MAX_EXAMPLES } from "../src/prompts/build-prompt";
import { createLocalProvider } from "../src/specialists";
import { CONTENT_KIND_BY_ROLE } from "../src/tasks/content-kind";
import { TaskInputSchema } from "../src/tasks/task-input";
import { ApprovedExamples } from "../src/worker/approved-examples";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import { createTestRuns, createTestTenant } from "../test/fixtures";
import { TEST_POOL, themeOf } from "../test/fixtures/example-pool";
import { round } from "./stats";

/** The reference mix's posts, emails and blogs (92 of its 100 tasks: the roles whose prompts carry examples). */
const ROLES: [number, z.input<typeof TaskInputSchema>][] = [
  [40, { role: "social-post-writer", topic: "" }],
  [25, { role: "email-writer", topic: "" }],
  [20, { role: "blog-writer", topic: "", outputLengthTarget: 900 }],
  [7, { role: "blog-writer", topic: "", outputLengthTarget: 2500, requiresReasoning: true }],
];

/** What a coffee roaster's jobs ask about: its five running themes, three ways each, and things off them. */
const TOPICS: Record<string, string[]> = {
  "cold-brew": ["Cold brew for a summer picnic", "Cold brew at home: a steeping guide", "Cold brew concentrate"],
  espresso: ["Dialling in espresso at home", "Descaling an espresso machine", "Why does my espresso taste sour"],
  origin: ["Our new single origin from Ethiopia", "The farmers behind our Colombia", "Coffee grown on volcanic soil"],
  "latte-art": ["Latte art for beginners", "Steaming milk for latte art", "Pouring a latte art rosetta"],
  packaging: ["Compostable coffee bags explained", "Refill your tin at the roastery", "Recycling old coffee bags"],
};
const OFF_THEME = ["New opening hours at the roastery", "We are hiring a barista", "Gift cards for the holidays"];
const THEMED = Object.values(TOPICS).flat();

/** The i-th job: roles in the mix's proportions; four in five topics on one of the tenant's themes. */
function task(i: number): z.input<typeof TaskInputSchema> {
  const total = ROLES.reduce((n, [weight]) => n + weight, 0);
  let slot = (i * 37) % total;
  const [, base] = ROLES.find(([weight]) => (slot -= weight) < 0) ?? ROLES[0]!;
  const topic = i % 5 === 4 ? OFF_THEME[i % OFF_THEME.length]! : THEMED[(i * 7) % THEMED.length]!;
  return { ...base, topic };
}

/**
 * Examples that fit the job, on the mix above: for each way of choosing (latest, topic_set, best_fit), a tenant
 * whose posts, emails and blogs each have the same 15 approved pieces on five themes (the selection tests'
 * pool), prompt caching at 5 minutes, and the same jobs run in the same order through the real worker on
 * the simulated provider (which caches exact prefixes per model, as Anthropic's API does). Reported per way:
 * - cache hits: the share of runs whose whole prefix, examples included, was read from the cache (nothing
 *   written), and the cache's read share of the prefix tokens;
 * - fit: the mean BM25 score of the examples shown against the job's topic (the same ranker scores every way,
 *   `latest` included), beside the best three the pool held; the ratio says how much of the possible fit a
 *   way got. BM25 measures shared words, not whether examples make the writing better: no model judged it.
 */
export async function benchExamples(db: PrismaClient, sql: Sql, tasks: number) {
  const ranker = createLocalProvider();
  const modes = [];
  for (const mode of ExamplesModeSchema.options) {
    const { tenant, poolIds } = await tenantWithPool(db, mode);
    const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
    const deps: AgentJobDeps = { db, sql, adapterFor: () => adapter, examples: new ApprovedExamples(db) };
    const runs = [];
    for (let i = 0; i < tasks; i++) {
      const input = task(i);
      const { run } = await createAgentRun(db, { tenantId: tenant.id, input });
      await runAgentJob({ runId: run.id, tenantId: tenant.id }, deps, { isFinalAttempt: true });
      runs.push({ id: run.id, input: TaskInputSchema.parse(input) });
    }
    const rows = await db.agentRun.findMany({
      where: { id: { in: runs.map((r) => r.id) } },
      select: { id: true, cacheReadTokens: true, cacheWriteTokens: true, actualCostMicros: true, promptExamples: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let hits = 0;
    let read = 0;
    let written = 0;
    let cost = 0;
    let chosenFit = 0;
    let bestPossible = 0;
    let onTheme = 0;
    const prefixes = new Set<string>();
    for (const { id, input } of runs) {
      const row = byId.get(id)!;
      const record = PromptExamplesRecordSchema.parse(row.promptExamples);
      const shown = record.examples.map((e) => e.id);
      prefixes.add(`${input.role}:${shown.join(",")}`);
      if ((row.cacheReadTokens ?? 0) > 0 && (row.cacheWriteTokens ?? 0) === 0) hits++;
      read += row.cacheReadTokens ?? 0;
      written += row.cacheWriteTokens ?? 0;
      cost += Number(row.actualCostMicros ?? 0);
      // Every way scored alike: the kind's pool (newest first, as the worker reads it) ranked against the job.
      const pool = poolIds[CONTENT_KIND_BY_ROLE[input.role]]!;
      const { ranking } = await ranker.rank(
        exampleQuery(input),
        pool.map((p) => exampleText(p)),
      );
      const scores = new Array<number>(pool.length).fill(0);
      for (const { index, score } of ranking) scores[index] = score;
      const positions = shown.map((shownId) => pool.findIndex((p) => p.id === shownId));
      chosenFit += fitOf(scores, positions);
      bestPossible += bestFit(scores, MAX_EXAMPLES);
      const theme = Object.entries(TOPICS).find(([, topics]) => topics.includes(input.topic))?.[0];
      if (theme && shown.every((shownId) => pool.find((p) => p.id === shownId)?.theme === theme)) onTheme++;
    }
    const themedRuns = runs.filter((r) => THEMED.includes(r.input.topic)).length;
    modes.push({
      mode,
      runs: runs.length,
      cacheHitPct: round((hits / runs.length) * 100, 1),
      cacheReadSharePct: round((read / Math.max(1, read + written)) * 100, 1),
      cacheReadTokens: read,
      cacheWriteTokens: written,
      prefixes: prefixes.size,
      costUsd: round(cost / 1e6, 4),
      meanFit: round(chosenFit / runs.length, 3),
      meanBestFit: round(bestPossible / runs.length, 3),
      fitOfBestPct: round((chosenFit / Math.max(1e-9, bestPossible)) * 100, 1),
      onThemePct: round((onTheme / Math.max(1, themedRuns)) * 100, 1),
    });
  }
  return { tasks, poolPerKind: TEST_POOL.length, ranker: "local BM25 (bm25-k1.2-b0.75)", modes };
}

type PoolPiece = { id: string; title: string; body: string; theme: string };

/**
 * A tenant choosing examples `mode`'s way, with a context file long enough for every model to cache its prefix,
 * and the pool approved (two hours ago) as each kind the mix writes. Returns each kind's pool, newest first.
 */
async function tenantWithPool(db: PrismaClient, mode: ExamplesMode) {
  const { tenant, config } = await createTestTenant(db, { balanceMicros: 1e12, contextFile: { tokens: 4400 } });
  await db.tenant.update({ where: { id: tenant.id }, data: { promptCacheTtl: "5m" } });
  await db.agentConfig.updateMany({ where: { tenantId: tenant.id }, data: { examplesMode: mode } });
  const kinds = [...new Set(ROLES.map(([, input]) => CONTENT_KIND_BY_ROLE[input.role]))];
  const poolIds: Partial<Record<string, PoolPiece[]>> = {};
  const reviewedAt = new Date(Date.now() - 2 * 3_600_000);
  for (const kind of kinds) {
    const runIds = await createTestRuns(db, tenant.id, config.id, TEST_POOL.length);
    const pieces = TEST_POOL.map((piece, i) => ({
      id: randomUUID(),
      title: piece.title,
      body: piece.body,
      theme: themeOf(piece.id),
      // Newest first, a day apart, all written before the reviews.
      createdAt: new Date(reviewedAt.getTime() - (i + 1) * 86_400_000),
      runId: runIds[i]!,
    }));
    await db.contentItem.createMany({
      data: pieces.map(({ id, title, body, createdAt, runId }) => ({
        id,
        tenantId: tenant.id,
        runId,
        kind,
        status: "approved" as const,
        title,
        body,
        createdAt,
      })),
    });
    await db.review.createMany({
      data: pieces.map((p) => ({ contentItemId: p.id, verdict: "approved" as const, createdAt: reviewedAt })),
    });
    poolIds[kind] = pieces;
  }
  return { tenant, poolIds };
}
