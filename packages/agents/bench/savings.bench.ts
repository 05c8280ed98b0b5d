import type { PrismaClient, Sql } from "@switchyard/db";
import type { z } from "zod";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import type { TaskInputSchema } from "../src/tasks/task-input";
import { runAgentJob } from "../src/worker/run-agent-job";
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

/** Runs the mix through the real router, escrow and settlement; 10% of posts and emails are rejected and revised. */
export async function benchSavings(db: PrismaClient, sql: Sql, tasks: number) {
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e12 });
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0] });
  const deps = { db, sql, adapterFor: () => adapter };
  const runIds: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const input = mixTask(i);
    const { run } = await createAgentRun(db, {
      tenantId: tenant.id,
      input: { ...input, topic: `${input.topic} ${i}` },
    });
    await runAgentJob({ runId: run.id, tenantId: tenant.id }, deps, { isFinalAttempt: true });
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
  const rows = await db.agentRun.groupBy({
    by: ["modelRoutedTo"],
    where: { id: { in: runIds } },
    _count: true,
    _sum: { actualCostMicros: true, baselineCostMicros: true },
  });
  const actual = rows.reduce((n, r) => n + Number(r._sum.actualCostMicros ?? 0), 0);
  const baseline = rows.reduce((n, r) => n + Number(r._sum.baselineCostMicros ?? 0), 0);
  return {
    runs: runIds.length,
    actualUsd: actual / 1e6,
    allSonnetUsd: baseline / 1e6,
    savedPct: Math.round(((baseline - actual) / baseline) * 1000) / 10,
    byModel: rows.map((r) => ({
      model: r.modelRoutedTo,
      runs: r._count,
      actualUsd: Number(r._sum.actualCostMicros ?? 0) / 1e6,
      baselineUsd: Number(r._sum.baselineCostMicros ?? 0) / 1e6,
    })),
  };
}

/** The i-th task of the reference mix (the mix repeats every 100 tasks). */
export function mixTask(i: number): z.input<typeof TaskInputSchema> {
  let pick = i % 100;
  return MIX.find(([share]) => (pick -= share) < 0)![1];
}
