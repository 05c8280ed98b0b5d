import { createDatabase } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { createSpecialists } from "../src/specialists";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import { type FakeSie, startFakeSie } from "./fake-sie/server";
import { createTestTenant } from "./fixtures";

const database = createDatabase({ poolSize: 4 });
const db = database.prisma;
let fake: FakeSie;
let deps: AgentJobDeps;
beforeAll(async () => {
  fake = await startFakeSie();
  deps = {
    db,
    sql: database.sql,
    adapterFor: () => createSimulatedAdapter({ latencyMs: [0, 0] }),
    sleep: () => Promise.resolve(),
    // The fake's vectors are hashed character trigrams, not a model's: 0.9 separates a copy from a new draft.
    guard: { specialists: createSpecialists({ sieUrl: fake.baseUrl, maxRetries: 0 }), sieThreshold: 0.9 },
  };
});
afterAll(async () => {
  await fake.close();
  await database.disconnect();
});

const TOPIC = "Seasonal menus that regulars talk about";
let key = 0;

async function write(tenantId: string) {
  const input = { role: "blog-writer", topic: TOPIC, outputLengthTarget: 300 };
  const { run } = await createAgentRun(db, { tenantId, input, idempotencyKey: `sie-${++key}` });
  await runAgentJob({ runId: run.id, tenantId }, deps, { isFinalAttempt: true });
  return {
    run: await db.agentRun.findUniqueOrThrow({ where: { id: run.id } }),
    content: await db.contentItem.findUniqueOrThrow({ where: { runId: run.id } }),
  };
}

/** The texts each encode request sent, in order. */
function encoded(from: number): string[][] {
  return fake.requests
    .slice(from)
    .filter((r) => r.task === "encode")
    .map((r) => (r.body as { items: { text: string }[] }).items.map((i) => i.text));
}

describe("the near-duplicate guard on SIE (fake server): vectors stored once per piece, cosines in the worker", () => {
  it("encodes a piece the first time it is compared, keeps its vector, and reuses it afterwards", async () => {
    const { tenant } = await createTestTenant(db, { balanceMicros: 50_000_000 });
    const first = await write(tenant.id);
    // Nothing to compare with: no encoder call at all, and no vector until the piece is needed.
    expect(first.run).toMatchObject({ duplicateOutcome: "clear" });
    expect(first.content.embedding).toEqual([]);
    await db.contentItem.update({ where: { id: first.content.id }, data: { status: "approved" } });

    let seen = fake.requests.length;
    const second = await write(tenant.id);
    expect(second.run).toMatchObject({
      duplicateOutcome: "regenerated",
      duplicateContentId: first.content.id,
      duplicateProvider: "sie",
      duplicateModel: "BAAI/bge-m3",
      duplicateThreshold: 0.9,
    });
    const [firstCheck, regenerated] = second.run.duplicateChecks as { similarity: number }[];
    expect(firstCheck).toMatchObject({ draft: "first", encoded: 1 });
    expect(firstCheck?.similarity).toBeCloseTo(1, 5);
    expect(regenerated).toMatchObject({ draft: "regenerated", encoded: 0 });
    // The draft, the approved piece (once), then the regenerated draft.
    expect(encoded(seen)).toEqual([[first.content.body], [first.content.body], [second.content.body]]);
    const stored = await db.contentItem.findUniqueOrThrow({ where: { id: first.content.id } });
    expect(stored).toMatchObject({ embeddingModel: "BAAI/bge-m3" });
    expect(stored.embedding).toHaveLength(1024);
    // The kept draft's vector is stored with it at settlement.
    expect(second.content).toMatchObject({ embeddingModel: "BAAI/bge-m3" });
    expect(second.content.embedding).toHaveLength(1024);

    await db.contentItem.update({ where: { id: second.content.id }, data: { status: "approved" } });
    seen = fake.requests.length;
    const third = await write(tenant.id);
    expect(third.run).toMatchObject({ duplicateOutcome: "flagged", duplicateContentId: second.content.id });
    // Both approved pieces had vectors: only the drafts went to the encoder.
    expect(encoded(seen)).toEqual([[first.content.body], [second.content.body]]);
  });

  it("records the draft as unchecked when the encoder has no calibrated threshold", async () => {
    const { tenant } = await createTestTenant(db, { balanceMicros: 50_000_000 });
    const uncalibrated = { ...deps, guard: { specialists: deps.guard!.specialists } };
    const input = { role: "blog-writer", topic: TOPIC, outputLengthTarget: 300 };
    const runOnce = async () => {
      const { run } = await createAgentRun(db, { tenantId: tenant.id, input, idempotencyKey: `sie-${++key}` });
      await runAgentJob({ runId: run.id, tenantId: tenant.id }, uncalibrated, { isFinalAttempt: true });
      return db.agentRun.findUniqueOrThrow({ where: { id: run.id }, include: { content: true } });
    };
    const first = await runOnce();
    await db.contentItem.update({ where: { id: first.content!.id }, data: { status: "approved" } });
    const second = await runOnce();
    expect(second).toMatchObject({
      status: "succeeded",
      duplicateOutcome: "unchecked",
      duplicateContentId: first.content!.id,
      duplicateThreshold: null,
      duplicateModel: "BAAI/bge-m3",
    });
    expect(second.duplicateSimilarity).toBeCloseTo(1, 5);
    expect(second.content!.body).toBe(first.content!.body);
  });
});
