import type { PrismaClient, Sql } from "@switchyard/db";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { generateProse } from "../src/adapters/simulated-prose";
import type { GenerateRequest, LlmAdapter } from "../src/adapters/types";
import { hybridRouterSettings, parseAgentsEnv } from "../src/env";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { RouterRecordSchema } from "../src/quality/router-record";
import { DEFAULT_LENGTH, type TaskInput } from "../src/tasks/task-input";
import { RouterBreaker } from "../src/worker/hybrid/router-breaker";
import { runAgentJob } from "../src/worker/run-agent-job";
import { startFakeAnthropic } from "../test/fake-anthropic/server";
import { createTestTenant } from "../test/fixtures";
import { mixTask } from "./savings.bench";
import { nowMs, round, summarize } from "./stats";

const SHAPE = {
  "blog-writer": "article",
  "social-post-writer": "social",
  "email-writer": "email",
  "strategy-writer": "document",
  "context-file-writer": "document",
} as const;

/** Close calls by the length rule: blog targets across the 1,200–1,800-word band. */
const CLOSE_CALL_WORDS = [1200, 1500, 1800];

type Task = Pick<TaskInput, "role" | "topic"> & { outputLengthTarget?: number; requiresReasoning?: boolean };

/**
 * The hybrid router's overhead per run, through the real SDK against the local fake Messages API (drafts of
 * the asked length; the fake's tool answers are drawn from the schema, so the classifier's choices are noise).
 * Two measures: the reference mix in hybrid mode (how many of its runs are close calls at all), and close
 * calls alone (1,200–1,800-word blogs), each run twice, on a hybrid tenant and on a heuristic one, so the
 * added wall time per run is the difference. The fake answers in about a millisecond: the classifier's
 * latency here is Switchyard's and the HTTP round trip's, not Anthropic's (Haiku's is hundreds of ms).
 */
export async function benchHybrid(db: PrismaClient, sql: Sql, mixRuns: number, closeCallRuns: number) {
  const fake = await startFakeAnthropic();
  const samples: { isClassifier: boolean; ms: number }[] = [];
  let draft = "";
  const real = createAnthropicAdapter({ apiKey: "sk-ant-bench", baseURL: fake.baseURL });
  const adapter: LlmAdapter = {
    name: "anthropic",
    async generate(request: GenerateRequest) {
      const isClassifier = request.toolChoice?.type === "tool";
      if (!isClassifier) fake.enqueue({ kind: "ok", text: draft });
      const started = nowMs();
      const result = await real.generate(request);
      samples.push({ isClassifier, ms: nowMs() - started });
      return result;
    },
  };
  const settings = hybridRouterSettings(parseAgentsEnv({}));
  const router = { breaker: new RouterBreaker(settings.breaker), timeoutMs: settings.timeoutMs };
  const deps = { db, sql, adapterFor: () => adapter, router };
  const tenantIn = async (mode: "hybrid" | "heuristic") => {
    const { tenant } = await createTestTenant(db, { balanceMicros: 1e12, adapter: "anthropic" });
    await db.agentConfig.updateMany({ where: { tenantId: tenant.id }, data: { routerMode: mode } });
    return tenant.id;
  };
  const runOne = async (tenantId: string, task: Task, i: number) => {
    const words = task.outputLengthTarget ?? DEFAULT_LENGTH[task.role];
    draft = generateProse({ shape: SHAPE[task.role], topic: task.topic, words, seed: i });
    const { run } = await createAgentRun(db, { tenantId, input: { ...task, topic: `${task.topic} ${i}` } });
    const started = nowMs();
    await runAgentJob({ runId: run.id, tenantId }, deps, { isFinalAttempt: true });
    return { runId: run.id, ms: nowMs() - started };
  };
  try {
    const [hybrid, heuristic] = [await tenantIn("hybrid"), await tenantIn("heuristic")];
    const mixIds: string[] = [];
    for (let i = 0; i < mixRuns; i++) mixIds.push((await runOne(hybrid, mixTask(i), i)).runId);
    const mix = await readRouted(db, mixIds);
    samples.length = 0;
    const hybridRuns: { runId: string; ms: number }[] = [];
    const heuristicMs: number[] = [];
    for (let i = 0; i < closeCallRuns; i++) {
      const task = { role: "blog-writer" as const, topic: "Field guide", outputLengthTarget: CLOSE_CALL_WORDS[i % 3] };
      hybridRuns.push(await runOne(hybrid, task, 10_000 + i));
      heuristicMs.push((await runOne(heuristic, task, 10_000 + i)).ms);
    }
    const close = await readRouted(
      db,
      hybridRuns.map((r) => r.runId),
    );
    const classified = close.filter((r) => r.router.classifier);
    const mean = (f: (r: (typeof close)[number]) => number) =>
      classified.length ? round(classified.reduce((n, r) => n + f(r), 0) / classified.length, 1) : 0;
    const overhead = classified.reduce((n, r) => n + (r.router.classifier?.costMicros ?? 0), 0);
    const runCost = classified.reduce((n, r) => n + r.actualMicros, 0);
    const latency = summarize(samples.filter((s) => s.isClassifier).map((s) => s.ms));
    const wall = (ms: number[]) => {
      const s = summarize(ms);
      return { p50Ms: round(s.p50, 1), p95Ms: round(s.p95, 1) };
    };
    const hybridWall = wall(hybridRuns.map((r) => r.ms));
    const heuristicWall = wall(heuristicMs);
    return {
      referenceMix: {
        runs: mix.length,
        closeCalls: mix.filter((r) => r.router.boundary).length,
        classified: mix.filter((r) => r.router.classifier).length,
        overheadMicrosPerRun: round(
          mix.reduce((n, r) => n + (r.router.classifier?.costMicros ?? 0), 0) / mix.length,
          1,
        ),
      },
      closeCalls: {
        runs: close.length,
        classified: classified.length,
        changedTier: classified.filter((r) => r.router.classifier?.tier !== r.router.heuristicTier).length,
        failed: classified.filter((r) => r.router.classifier?.status === "failed").length,
        classifier: {
          inputTokens: mean((r) => r.router.classifier?.inputTokens ?? 0),
          outputTokens: mean((r) => r.router.classifier?.outputTokens ?? 0),
          costMicrosPerRun: mean((r) => r.router.classifier?.costMicros ?? 0),
          heldMicrosPerRun: mean((r) => r.router.classifier?.heldMicros ?? 0),
          p50Ms: round(latency.p50, 2),
          p95Ms: round(latency.p95, 2),
        },
        shareOfRunCostPct: runCost > 0 ? round((overhead / runCost) * 100, 2) : 0,
        runWall: { hybrid: hybridWall, heuristic: heuristicWall },
        addedP50Ms: round(hybridWall.p50Ms - heuristicWall.p50Ms, 1),
        breaker: router.breaker.describe(),
      },
    };
  } finally {
    await fake.close();
  }
}

async function readRouted(db: PrismaClient, ids: string[]) {
  const rows = await db.agentRun.findMany({
    where: { id: { in: ids } },
    select: { routingSignals: true, actualCostMicros: true },
  });
  return rows.map((r) => ({
    router: RouterRecordSchema.parse((r.routingSignals as { router?: unknown } | null)?.router),
    actualMicros: Number(r.actualCostMicros ?? 0),
  }));
}
