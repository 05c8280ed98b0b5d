import type { PrismaClient, Sql } from "@switchyard/db";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { generateProse } from "../src/adapters/simulated-prose";
import type { GenerateRequest, LlmAdapter } from "../src/adapters/types";
import { DEFAULT_LENGTH } from "../src/tasks/task-input";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
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

/** Times every provider call, and tells the judge's (a forced tool call) from the generation's. */
function timed(adapter: LlmAdapter, samples: { isJudge: boolean; ms: number }[]): LlmAdapter {
  return {
    name: adapter.name,
    async generate(request: GenerateRequest) {
      const started = nowMs();
      const result = await adapter.generate(request);
      samples.push({ isJudge: request.toolChoice?.type === "tool", ms: nowMs() - started });
      return result;
    },
  };
}

/**
 * The judge's overhead per run, beside the generation's: the reference mix through the real SDK against
 * the local fake Messages API (drafts of the asked length, the judge always on), every figure read back
 * from the runs as settled. The fake counts ~4 characters a token and answers in about a millisecond:
 * its latencies show what Switchyard adds around a call, not what Anthropic takes.
 */
export async function benchJudge(db: PrismaClient, sql: Sql, runs: number) {
  const fake = await startFakeAnthropic();
  const samples: { isJudge: boolean; ms: number }[] = [];
  const adapter = timed(createAnthropicAdapter({ apiKey: "sk-ant-bench", baseURL: fake.baseURL }), samples);
  try {
    const { tenant } = await createTestTenant(db, { balanceMicros: 1e12, adapter: "anthropic", judge: "always" });
    const runIds: string[] = [];
    for (let i = 0; i < runs; i++) {
      const task = mixTask(i);
      const words = task.outputLengthTarget ?? DEFAULT_LENGTH[task.role];
      const draft = generateProse({ shape: SHAPE[task.role], topic: task.topic, words, seed: i });
      fake.enqueue({ kind: "ok", text: draft });
      const { run } = await createAgentRun(db, {
        tenantId: tenant.id,
        input: { ...task, topic: `${task.topic} ${i}` },
      });
      await runAgentJob(
        { runId: run.id, tenantId: tenant.id },
        { db, sql, adapterFor: () => adapter },
        {
          isFinalAttempt: true,
        },
      );
      runIds.push(run.id);
    }
    const rows = await db.agentRun.findMany({ where: { id: { in: runIds } } });
    const mean = (f: (r: (typeof rows)[number]) => number) =>
      round(rows.reduce((n, r) => n + f(r), 0) / rows.length, 1);
    const judgeCost = rows.reduce((n, r) => n + Number(r.judgeCostMicros ?? 0), 0);
    const total = rows.reduce((n, r) => n + Number(r.actualCostMicros ?? 0), 0);
    const latency = (isJudge: boolean) =>
      round(summarize(samples.filter((s) => s.isJudge === isJudge).map((s) => s.ms)).p50, 2);
    return {
      runs: rows.length,
      scored: rows.filter((r) => r.judgeStatus === "scored").length,
      generation: {
        inputTokens: mean((r) => r.inputTokens ?? 0),
        outputTokens: mean((r) => r.outputTokens ?? 0),
        costMicros: mean((r) => Number(r.actualCostMicros ?? 0) - Number(r.judgeCostMicros ?? 0)),
        p50Ms: latency(false),
      },
      judge: {
        inputTokens: mean((r) => r.judgeInputTokens ?? 0),
        outputTokens: mean((r) => r.judgeOutputTokens ?? 0),
        costMicros: mean((r) => Number(r.judgeCostMicros ?? 0)),
        p50Ms: latency(true),
      },
      judgeShareOfCostPct: round((judgeCost / total) * 100, 1),
    };
  } finally {
    await fake.close();
  }
}
