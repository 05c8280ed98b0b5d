import { loadAnalytics } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import type { GenerateRequest, LlmAdapter } from "../src/adapters/types";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { updateAgentConfig } from "../src/producer/update-agent-config";
import { createLocalProvider } from "../src/specialists";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, startHarness } from "./harness";

const USD = 1_000_000;
const DAY_MS = 24 * 60 * 60_000;

/** The simulated provider, with every request it was sent kept for the test to read. */
function recording(adapter: LlmAdapter, requests: GenerateRequest[]): LlmAdapter {
  return {
    name: adapter.name,
    generate: (request) => {
      requests.push(request);
      return adapter.generate(request);
    },
  };
}

const requests: GenerateRequest[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    adapter: recording(createSimulatedAdapter({ latencyMs: [0, 0] }), requests),
    deps: { guard: { specialists: createLocalProvider() } },
  });
});
afterAll(() => h.close());

let key = 0;
/** One blog post through the queues and the worker; the run row once it has finished. */
async function write(tenantId: string, topic: string) {
  const input = { role: "blog-writer", topic, outputLengthTarget: 400 };
  const { run } = await enqueueAgentJob(h, { tenantId, input, idempotencyKey: `dup-${++key}` });
  const [done] = await h.waitForRuns([run.id]);
  const content = await h.db.contentItem.findUniqueOrThrow({ where: { runId: run.id } });
  return { run: done!, content };
}

/**
 * Marks a piece approved as a reviewer would, without a review row: the prompt's approved examples are
 * pieces with an approving review from before the current hour, so this one stays out of the prompt, and
 * the simulated provider (deterministic, like a model at temperature 0) writes the same draft for the same
 * brief again: an honest repeat for the guard to catch.
 */
async function approve(contentId: string, writtenAt?: Date) {
  await h.db.contentItem.update({
    where: { id: contentId },
    data: { status: "approved", ...(writtenAt && { createdAt: writtenAt }) },
  });
}

async function blogConfig(tenantId: string) {
  const config = await h.db.agentConfig.findUniqueOrThrow({
    where: { tenantId_role: { tenantId, role: "blog-writer" } },
  });
  const base = { configId: config.id, model: config.model, adapter: config.adapter, isEnabled: true };
  return (duplicateWindowDays: number) => updateAgentConfig(h.db, tenantId, { ...base, duplicateWindowDays });
}

describe("the near-duplicate guard, through the queues and the worker (simulated provider, offline MinHash)", () => {
  it("regenerates a repeat once, charging both calls; flags one still too close; counts both per role", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    const topic = "Onboarding checklists customers actually finish";
    const first = await write(tenant.id, topic);
    expect(first.run).toMatchObject({ status: "succeeded", duplicateOutcome: "clear", duplicateContentId: null });
    await approve(first.content.id);

    // The same brief again: the first draft is word for word the approved piece.
    const sent = requests.length;
    const second = await write(tenant.id, topic);
    expect(second.run).toMatchObject({
      status: "succeeded",
      duplicateOutcome: "regenerated",
      duplicateContentId: first.content.id,
      duplicateProvider: "local",
      duplicateModel: "minhash-128-w2",
      duplicateThreshold: 0.1,
    });
    expect(second.run.duplicateSimilarity).toBeLessThan(0.1);
    const [firstCheck, regenerated] = second.run.duplicateChecks as { similarity: number; draft: string }[];
    expect(firstCheck).toMatchObject({ draft: "first", similarity: 1, closestContentId: first.content.id });
    expect(regenerated).toMatchObject({ draft: "regenerated" });
    expect(second.content.body).not.toBe(first.content.body);
    // Two calls: the second was told what not to repeat, after the task, so the cached prefix is unchanged.
    const [ask, again] = requests.slice(sent).map((r) => r.messages.at(-1)?.content ?? "");
    expect(again).toContain(ask!);
    expect(again).toMatch(/Do not repeat this piece/);
    expect(again).toContain(`Title: ${first.content.title}`);
    expect(requests.slice(sent).map((r) => r.system)).toEqual([requests[sent]!.system, requests[sent]!.system]);
    // Both calls charged from escrow: the hold grew by the second call's worst case, and settlement
    // charged what the two cost; the ledger still adds up to the balance.
    expect(Number(second.run.actualCostMicros)).toBeGreaterThan(1.5 * Number(first.run.actualCostMicros));
    expect(second.run.outputTokens).toBeGreaterThan(1.5 * first.run.outputTokens!);
    const holds = await h.db.creditLedgerEntry.findMany({ where: { runId: second.run.id, kind: "reservation" } });
    expect(holds.map((e) => e.idempotencyKey).sort()).toEqual([
      `reserve:${second.run.id}:1`,
      `reserve:${second.run.id}:1:regenerate`,
    ]);
    const balance = (await h.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).balanceMicros;
    expect(await ledgerSum(h.db, tenant.id)).toBe(Number(balance));
    expect(second.run.reservedMicros).toBe(0n);

    // Both pieces approved, the same brief a third time: the first draft repeats the first piece, and the
    // regeneration (told the same thing as before) repeats the second. The draft is kept, and flagged.
    await approve(second.content.id);
    const third = await write(tenant.id, topic);
    expect(third.run).toMatchObject({
      status: "succeeded",
      duplicateOutcome: "flagged",
      duplicateContentId: second.content.id,
      duplicateSimilarity: 1,
    });
    expect(third.content).toMatchObject({ status: "draft", body: second.content.body });

    // Another topic: compared, clear.
    const other = await write(tenant.id, "Pricing pages that answer the real question");
    expect(other.run).toMatchObject({ duplicateOutcome: "clear" });
    expect(other.run.duplicateSimilarity).toBeLessThan(0.1);
    expect(other.run.duplicateChecks).toMatchObject([{ draft: "first", candidates: 2 }]);

    const today = new Date(new Date().toISOString().slice(0, 10));
    const filters = { from: today, to: today, tenantIds: [tenant.id] };
    const expected = [{ role: "blog-writer", checked: 4, regenerated: 1, flagged: 1 }];
    expect((await loadAnalytics(h.db, filters)).duplicatesByRole).toEqual(expected);
    expect((await loadAnalytics(h.db, filters, "runs")).duplicatesByRole).toEqual(expected);
  });

  it("looks only as far back as the role's window, and not at all when it is 0", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    const setWindow = await blogConfig(tenant.id);
    const topic = "Quarterly planning for small marketing teams";
    const first = await write(tenant.id, topic);
    await approve(first.content.id, new Date(Date.now() - 10 * DAY_MS));

    await setWindow(7);
    const outside = await write(tenant.id, topic);
    expect(outside.run).toMatchObject({ duplicateOutcome: "clear", duplicateContentId: null });
    expect(outside.run.duplicateChecks).toMatchObject([{ candidates: 0 }]);
    expect(outside.content.body).toBe(first.content.body);

    await setWindow(0);
    const off = await write(tenant.id, topic);
    expect(off.run).toMatchObject({ status: "succeeded", duplicateOutcome: null, duplicateChecks: null });

    await setWindow(14);
    const inside = await write(tenant.id, topic);
    expect(inside.run).toMatchObject({ duplicateOutcome: "regenerated", duplicateContentId: first.content.id });
  });
});
