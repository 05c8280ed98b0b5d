import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient, type Sql } from "@switchyard/db";
import { costOfUsage } from "../src/lib/model-catalog";
import { CascadeRecordSchema } from "../src/quality/cascade-record";
import type { z } from "zod";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { createSimulatedBatchAdapter } from "../src/adapters/simulated-batch-adapter";
import { parseAgentsEnv } from "../src/env";
import { closeAgentQueues, createAgentQueues } from "../src/queues/agent-queues";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createBatchCoordinator } from "../src/worker/batch/batch-coordinator";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import type { TaskInputSchema } from "../src/tasks/task-input";
import { ApprovedExamples } from "../src/worker/approved-examples";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import { createTestTenant } from "../test/fixtures";

/** The reference mix a content team sends in a typical month, out of 100 tasks. */
export const MIX: [number, z.input<typeof TaskInputSchema>][] = [
  [40, { role: "social-post-writer", topic: "Weekly product caption" }],
  [25, { role: "email-writer", topic: "Lifecycle email" }],
  [20, { role: "blog-writer", topic: "How-to blog post", outputLengthTarget: 900 }],
  [7, { role: "blog-writer", topic: "Deep-dive analysis", outputLengthTarget: 2500, requiresReasoning: true }],
  [4, { role: "strategy-writer", topic: "Quarterly content strategy" }],
  [4, { role: "context-file-writer", topic: "Brand context refresh" }],
];

/**
 * The levers, each measured on a tenant of its own with the same mix, against the same baseline
 * (all-Sonnet at list prices on the prompt a plain deployment sends: no examples, no cache).
 * - routing: spec routing alone, as before the cost levers: no approved history, cache off.
 * - caching: a tenant with approved history, so prompts carry examples (their tokens count as
 *   cost), and its stable prefix cached for 5 minutes.
 * - batch: the same, and the share of the mix that can wait — blogs and strategy documents, and
 *   nothing else (captions, emails, context files and revisions stay live) — waits for a Message
 *   Batch: held at batch prices, gathered per model, submitted, polled and settled by the real batch
 *   path, on the simulated batch provider (which ends a batch shortly after it is made).
 */
export const LEVERS = [
  { lever: "routing", cache: "off", hasHistory: false, isBatch: false, isCascade: false },
  { lever: "prompt caching", cache: "5m", hasHistory: true, isBatch: false, isCascade: false },
  { lever: "batch", cache: "5m", hasHistory: true, isBatch: true, isCascade: false },
  { lever: "cascade", cache: "5m", hasHistory: true, isBatch: true, isCascade: true },
] as const;

/** The gate's bar in the bench: the judge's and the checks' score on 0–1 (the default a role starts with). */
const CASCADE_THRESHOLD = 0.75;
/** The acceptance rate the combined figure is taken at, so that it does not hinge on the simulator's judge. */
const NEUTRAL_ACCEPTANCE = 0.5;

/** The roles whose work can wait in the reference mix. */
const WAITING_ROLES = ["blog-writer", "strategy-writer"];

/** Runs the mix once per lever setting and reports each setting's saving and each lever's share of it. */
export async function benchSavings(db: PrismaClient, sql: Sql, tasks: number) {
  const results = [];
  for (const setting of LEVERS) results.push({ ...setting, ...(await runMix(db, sql, tasks, setting)) });
  const last = results[results.length - 1]!;
  let before = 0;
  const levers = results.map((r) => {
    const lever = { lever: r.lever, savedPct: round1(r.savedPct - before), cumulativePct: r.savedPct };
    before = r.savedPct;
    return lever;
  });
  return {
    ...last,
    /** Every lever against all-Sonnet, the cascade taken at the neutral acceptance rate, not the simulator's. */
    combinedPct: last.cascade?.savedPctAtNeutral ?? last.savedPct,
    levers: levers.map((l) => ({
      ...l,
      shareOfTotalPct: last.savedPct ? round1((l.savedPct / last.savedPct) * 100) : 0,
    })),
    cache: results.map((r) => ({ lever: r.lever, readTokens: r.cacheReadTokens, writeTokens: r.cacheWriteTokens })),
  };
}

/** A brand context file as the onboarding agent writes one, about 700 words. */
async function writeContextFile(db: PrismaClient, tenantId: string, deps: AgentJobDeps) {
  const { run } = await createAgentRun(db, {
    tenantId,
    input: { role: "context-file-writer", topic: "Northwind Coffee" },
  });
  await runAgentJob({ runId: run.id, tenantId }, deps, { isFinalAttempt: true });
  const item = await db.contentItem.findUniqueOrThrow({ where: { runId: run.id } });
  return item.body;
}

/** Three approved pieces per role, reviewed two hours ago: the history a tenant's examples come from. */
async function approveHistory(db: PrismaClient, tenantId: string, deps: AgentJobDeps) {
  for (const [, input] of MIX) {
    for (let i = 0; i < 3; i++) {
      const { run } = await createAgentRun(db, {
        tenantId,
        input: { ...input, topic: `${input.topic} (history ${i})` },
      });
      await runAgentJob({ runId: run.id, tenantId }, deps, { isFinalAttempt: true });
      const item = await db.contentItem.update({ where: { runId: run.id }, data: { status: "approved" } });
      await db.review.create({
        data: { contentItemId: item.id, verdict: "approved", createdAt: new Date(Date.now() - 2 * 3_600_000) },
      });
    }
  }
}

/** Runs the mix through the real router, escrow and settlement; 10% of posts and emails are rejected and revised. */
async function runMix(db: PrismaClient, sql: Sql, tasks: number, setting: (typeof LEVERS)[number]) {
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e12 });
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
  const deps: AgentJobDeps = { db, sql, adapterFor: () => adapter, examples: new ApprovedExamples(db) };
  const contextFile = await writeContextFile(db, tenant.id, deps);
  await db.agentConfig.updateMany({
    where: { tenantId: tenant.id },
    data: { promptSettings: { voice: "plain, warm, concrete", bannedPhrases: ["synergy"], contextFile } },
  });
  await db.tenant.update({ where: { id: tenant.id }, data: { promptCacheTtl: setting.cache } });
  if (setting.hasHistory) await approveHistory(db, tenant.id, deps);
  if (setting.isCascade) {
    await db.agentConfig.updateMany({
      where: { tenantId: tenant.id },
      data: { cascadeEnabled: true, cascadeThreshold: CASCADE_THRESHOLD },
    });
  }
  if (setting.isBatch) {
    await db.agentConfig.updateMany({
      where: { tenantId: tenant.id, role: { in: WAITING_ROLES } },
      data: { isBatchByDefault: true },
    });
  }
  const runIds: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const input = mixTask(i);
    const { run } = await createAgentRun(db, {
      tenantId: tenant.id,
      input: { ...input, topic: `${input.topic} ${i}` },
    });
    await runAgentJob({ runId: run.id, tenantId: tenant.id }, deps, {
      isFinalAttempt: true,
      isBatch: run.lane === "batch",
    });
    runIds.push(run.id);
    const isFirstDraftKind = input.role === "social-post-writer" || input.role === "email-writer";
    if (isFirstDraftKind && i % 10 === 0) {
      const revision = await createAgentRun(db, {
        tenantId: tenant.id,
        input: { ...input, topic: `${input.topic} ${i}` },
        revisesRunId: run.id,
        idempotencyKey: `rev-${run.id}`,
      });
      await runAgentJob({ runId: revision.run.id, tenantId: tenant.id }, deps, { isFinalAttempt: true });
      runIds.push(revision.run.id);
    }
  }
  if (setting.isBatch) await endBatches(db, sql, runIds, deps);
  const rows = await db.agentRun.groupBy({
    by: ["modelRoutedTo"],
    where: { id: { in: runIds } },
    _count: true,
    _sum: {
      actualCostMicros: true,
      baselineCostMicros: true,
      cacheReadTokens: true,
      cacheWriteTokens: true,
      batchSavingMicros: true,
    },
  });
  const actual = rows.reduce((n, r) => n + Number(r._sum.actualCostMicros ?? 0), 0);
  const baseline = rows.reduce((n, r) => n + Number(r._sum.baselineCostMicros ?? 0), 0);
  const cascade = setting.isCascade ? await cascadeFigures(db, runIds, actual, baseline) : undefined;
  return {
    ...(cascade && { cascade }),
    runs: runIds.length,
    actualUsd: actual / 1e6,
    allSonnetUsd: baseline / 1e6,
    savedPct: round1(((baseline - actual) / baseline) * 100),
    cacheReadTokens: rows.reduce((n, r) => n + (r._sum.cacheReadTokens ?? 0), 0),
    cacheWriteTokens: rows.reduce((n, r) => n + (r._sum.cacheWriteTokens ?? 0), 0),
    batchSavingUsd: rows.reduce((n, r) => n + Number(r._sum.batchSavingMicros ?? 0), 0) / 1e6,
    batchedRuns: await db.agentRun.count({ where: { id: { in: runIds }, modelRouteReason: "batch" } }),
    byModel: rows.map((r) => ({
      model: r.modelRoutedTo,
      runs: r._count,
      actualUsd: Number(r._sum.actualCostMicros ?? 0) / 1e6,
      baselineUsd: Number(r._sum.baselineCostMicros ?? 0) / 1e6,
    })),
  };
}

/** Submits, polls and settles the held batch requests through the batch coordinator until every run is final. */
async function endBatches(db: PrismaClient, sql: Sql, runIds: string[], deps: AgentJobDeps) {
  const redis = createRedisConnection(parseAgentsEnv().REDIS_URL, { isWorker: false });
  const queues = createAgentQueues(redis, `bench-batch-${randomUUID().slice(0, 8)}`);
  const live = deps.adapterFor("simulated");
  const batches = createSimulatedBatchAdapter({ adapter: live, processingMs: 20 });
  const coordinator = createBatchCoordinator(
    {
      db,
      sql,
      queues,
      batchAdapterFor: () => batches,
      adapterFor: () => live,
      examples: new ApprovedExamples(db),
      log,
    },
    { maxRequests: 100, maxAgeMs: 0, pollMs: 5, leaseMs: 60_000 },
  );
  try {
    for (;;) {
      await coordinator.tick();
      const open = await db.agentRun.count({ where: { id: { in: runIds }, status: { in: ["queued", "running"] } } });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await closeAgentQueues(queues);
    await redis.quit();
  }
}

function log(message: string) {
  if (message.includes("failed")) console.warn(message);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The i-th task of the reference mix (the mix repeats every 100 tasks). */
export function mixTask(i: number): z.input<typeof TaskInputSchema> {
  let pick = i % 100;
  return MIX.find(([share]) => (pick -= share) < 0)![1];
}

/**
 * What the cascade did on the mix, and what the same runs would cost at a stated neutral acceptance rate: each
 * cascaded run priced as its cheaper call and gate judge, plus the routed call with probability 1 − p. The
 * routed call of a run whose cheaper draft was kept is priced on that draft's tokens (the replay assumption:
 * a run uses the same tokens on another model); the cheaper call of an escalated run is the one it discarded.
 */
async function cascadeFigures(db: PrismaClient, runIds: string[], actual: number, baseline: number) {
  const rows = await db.agentRun.findMany({
    where: { id: { in: runIds }, cascade: { not: Prisma.DbNull } },
    select: {
      cascade: true,
      actualCostMicros: true,
      judgeCostMicros: true,
      inputTokens: true,
      outputTokens: true,
      cacheReadTokens: true,
      cacheWriteTokens: true,
    },
  });
  let cascaded = 0;
  let accepted = 0;
  let skipped = 0;
  let actualOfCascaded = 0;
  let atNeutral = 0;
  for (const row of rows) {
    const record = CascadeRecordSchema.parse(row.cascade);
    if (record.outcome === "skipped") {
      skipped++;
      continue;
    }
    cascaded++;
    const cost = Number(row.actualCostMicros ?? 0);
    const judge = Number(row.judgeCostMicros ?? 0);
    actualOfCascaded += cost;
    let cheap: number;
    let gate: number;
    let routed: number;
    if (record.outcome === "accepted") {
      accepted++;
      cheap = cost - judge;
      gate = judge;
      routed = costOfUsage(record.routedModel, {
        inputTokens: row.inputTokens ?? 0,
        outputTokens: row.outputTokens ?? 0,
        cacheReadTokens: row.cacheReadTokens ?? 0,
        cacheWriteTokens: row.cacheWriteTokens ?? 0,
      });
    } else {
      cheap = record.discarded?.costMicros ?? 0;
      gate = record.gateJudgeCostMicros ?? 0;
      routed = cost - cheap - gate - judge;
    }
    atNeutral += cheap + gate + (1 - NEUTRAL_ACCEPTANCE) * routed;
  }
  const neutralActual = actual - actualOfCascaded + atNeutral;
  return {
    threshold: CASCADE_THRESHOLD,
    cascadedRuns: cascaded,
    skippedRuns: skipped,
    acceptedRuns: accepted,
    simulatedAcceptancePct: cascaded ? round1((accepted / cascaded) * 100) : 0,
    neutralAcceptancePct: NEUTRAL_ACCEPTANCE * 100,
    savedPctAtNeutral: round1(((baseline - neutralActual) / baseline) * 100),
  };
}
