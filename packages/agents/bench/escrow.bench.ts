import type { PrismaClient, Sql } from "@switchyard/db";
import { createTestRuns, createTestTenant, testRunResult } from "../test/fixtures";
import { settleRun, startAttempt } from "../src/runs";
import { explainTaskComplexity, selectModel } from "../src/lib/model-router";
import { openWorkerDatabase } from "./bench-db";
import { nowMs, round, summarize } from "./stats";

/** One routed call's overhead: classify, select with an atomic hold, then settle. */
async function routeHoldSettle(db: Sql, runId: string) {
  const { complexity } = explainTaskComplexity({
    agentRole: "blog-writer",
    outputLengthTarget: 800,
    hasRevisionHistory: false,
    contextRichness: "medium",
    requiresReasoning: false,
  });
  const decision = await selectModel(
    "blog-writer",
    complexity,
    "bench",
    { model: "claude-haiku-4-5-20251001" },
    {
      estimatedInputTokens: 1500,
      reserve: async (c) => (await startAttempt(db, { runId, amountMicros: c.amountMicros, attempt: 1 })).isStarted,
    },
  );
  if (decision.outcome !== "routed") throw new Error("bench tenant ran out of credits");
  await settleRun(db, runId, Math.floor(decision.estimatedCostMicros / 3), testRunResult(decision.model));
}

async function measure(db: Sql, runIds: string[], concurrency: number) {
  const samples: number[] = [];
  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runIds.length) {
        const runId = runIds[next++]!;
        const t = nowMs();
        await routeHoldSettle(db, runId);
        samples.push(nowMs() - t);
      }
    }),
  );
  const s = summarize(samples);
  return {
    ops: runIds.length,
    concurrency,
    opsPerSec: Math.round(runIds.length / ((nowMs() - started) / 1000)),
    p50Ms: round(s.p50, 3),
    p99Ms: round(s.p99, 3),
  };
}

/** Concurrent callers in the hot-row and spread runs, as a worker's concurrent jobs. */
const CALLERS = 50;

/** Through a pool sized like a worker's: 50 callers share its few connections, as a worker's jobs do. */
export async function benchEscrow(prisma: PrismaClient, ops: number) {
  const hot = await createTestTenant(prisma, { balanceMicros: 1e12 });
  const sequentialRuns = await createTestRuns(prisma, hot.tenant.id, hot.config.id, ops);
  const hotRuns = await createTestRuns(prisma, hot.tenant.id, hot.config.id, ops);
  const spreadRuns: string[] = [];
  for (let i = 0; i < 100; i++) {
    const t = await createTestTenant(prisma, { balanceMicros: 1e12 });
    spreadRuns.push(...(await createTestRuns(prisma, t.tenant.id, t.config.id, Math.ceil(ops / 100))));
  }
  spreadRuns.sort(() => Math.random() - 0.5);
  const worker = openWorkerDatabase(CALLERS);
  try {
    await measure(worker.sql, sequentialRuns.splice(0, Math.min(200, ops / 5)), 1);
    return {
      poolSize: worker.poolSize,
      sequential: await measure(worker.sql, sequentialRuns, 1),
      hotRow50: await measure(worker.sql, hotRuns, CALLERS),
      spread100Tenants50: await measure(worker.sql, spreadRuns, CALLERS),
    };
  } finally {
    await worker.disconnect();
  }
}
