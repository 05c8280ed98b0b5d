import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { PromptExamplesRecordSchema } from "../src/examples/examples-mode";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { ApprovedExamples } from "../src/worker/approved-examples";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import { createTestTenant } from "./fixtures";
import { TEST_POOL, themeOf } from "./fixtures/example-pool";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const SONNET = "claude-sonnet-4-6";
/**
 * Three running themes of a coffee blog, three approved pieces each (the selection tests' pool). Their text is
 * fixed, not generated: a generated draft's words depend on the whole prompt, the tenant's name included.
 */
const HISTORY = TEST_POOL.filter((piece) => ["cold-brew", "espresso", "latte-art"].includes(themeOf(piece.id)));

/** A tenant on Sonnet with a context file long enough to cache, and the history above approved two hours ago. */
async function tenantWithHistory(examplesMode?: "latest" | "topic_set" | "best_fit") {
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e9, floor: SONNET, contextFile: { tokens: 1500 } });
  if (examplesMode) await db.agentConfig.updateMany({ where: { tenantId: tenant.id }, data: { examplesMode } });
  // A provider of its own with no cache, so the history's prefixes leave nothing behind for the jobs.
  const writer = deps(createSimulatedAdapter({ latencyMs: [0, 0] }));
  const items = [];
  for (const piece of [...HISTORY].reverse()) {
    const { row } = await run(tenant.id, piece.title, writer);
    const item = await db.contentItem.update({
      where: { runId: row.id },
      data: { status: "approved", title: piece.title, body: piece.body },
    });
    await db.review.create({
      data: { contentItemId: item.id, verdict: "approved", createdAt: new Date(Date.now() - 2 * 3_600_000) },
    });
    items.push(item);
  }
  return { tenant, items };
}

function deps(adapter = createSimulatedAdapter({ latencyMs: [0, 0] })): AgentJobDeps {
  return { db, adapterFor: () => adapter, examples: new ApprovedExamples(db) };
}

async function run(tenantId: string, topic: string, jobDeps: AgentJobDeps) {
  const { run } = await createAgentRun(db, {
    tenantId,
    input: { role: "blog-writer", topic, outputLengthTarget: 300 },
  });
  const outcome = await runAgentJob({ runId: run.id, tenantId }, jobDeps, { isFinalAttempt: true });
  expect(outcome.status).toBe("succeeded");
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
  return { row, examples: PromptExamplesRecordSchema.parse(row.promptExamples) };
}

describe("examples that fit the job, through the worker", () => {
  it("records the topic set a run carried, and two similar jobs share its cached prefix", async () => {
    const { tenant, items } = await tenantWithHistory();
    const coldBrew = items.filter((i) => /cold brew/i.test(i.body)).map((i) => i.id);
    const jobs = deps();
    const first = await run(tenant.id, "Cold brew for a summer picnic", jobs);
    const second = await run(tenant.id, "Cold brew at home: a beginner's steeping guide", jobs);
    const unrelated = await run(tenant.id, "Latte art for beginners: the milk comes first", jobs);

    expect(first.examples).toMatchObject({
      mode: "topic_set",
      pool: HISTORY.length,
      source: { provider: "local", model: "bm25-k1.2-b0.75" },
      set: { count: 3 },
    });
    expect(first.examples.examples.map((e) => e.id).sort()).toEqual([...coldBrew].sort());
    for (const e of first.examples.examples) expect(e.score).toBeGreaterThan(0);
    expect(first.examples.fit?.chosen).toBeGreaterThan(0);
    expect(first.row.exampleCount).toBe(3);
    // Same set, same bytes: the second job reads what the first wrote.
    expect(second.examples.examples.map(({ id, title }) => ({ id, title }))).toEqual(
      first.examples.examples.map(({ id, title }) => ({ id, title })),
    );
    expect(first.row.cacheWriteTokens).toBeGreaterThan(1024);
    expect(second.row.cacheReadTokens).toBe(first.row.cacheWriteTokens);
    expect(second.row.cacheWriteTokens).toBe(0);
    // Another topic, another set: its prefix is written anew (the part before the examples is read).
    expect(unrelated.examples.set?.index).not.toBe(first.examples.set?.index);
    const latteArt = items.filter((i) => /latte art/i.test(i.body)).map((i) => i.id);
    expect(unrelated.examples.examples.map((e) => e.id).sort()).toEqual([...latteArt].sort());
    expect(unrelated.row.cacheWriteTokens).toBeGreaterThan(0);
    // The part before the examples has a breakpoint of its own: read, and only the new examples written.
    expect(unrelated.row.cacheReadTokens).toBeGreaterThan(1024);
    expect(unrelated.row.cacheWriteTokens).toBeLessThan(first.row.cacheWriteTokens! - 1024);
  });

  it("follows the role's setting: best_fit ranks per job, latest ranks nothing", async () => {
    const best = await tenantWithHistory("best_fit");
    const picked = await run(best.tenant.id, "Cold brew concentrate over ice", deps());
    expect(picked.examples.mode).toBe("best_fit");
    expect(picked.examples.fit?.chosen).toBe(picked.examples.fit?.best);
    expect(picked.examples.set).toBeUndefined();

    const latest = await tenantWithHistory("latest");
    const newest = await run(latest.tenant.id, "Cold brew concentrate over ice", deps());
    const newestIds = latest.items.slice(-3).map((i) => i.id);
    expect(newest.examples).toEqual({
      mode: "latest",
      pool: HISTORY.length,
      examples: latest.items.slice(-3).map(({ id, title }) => ({ id, title })),
    });
    expect(newest.examples.examples.map((e) => e.id)).toEqual(newestIds);
  });
});
