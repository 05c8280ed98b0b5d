import { randomUUID } from "node:crypto";
import { createPrismaClient, loadAnalytics } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { readBalance } from "../src/credits";
import { costOfUsage } from "../src/lib/model-catalog";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import type { CascadeRecord } from "../src/quality/cascade-record";
import { useFakeAnthropic } from "./fake-anthropic/use-fake-anthropic";
import { createTestTenant, ledgerSum } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const db = createPrismaClient();
const fake = useFakeAnthropic();
afterAll(() => db.$disconnect());

/** A 900-word blog post with a title and four sections: every deterministic check passes. */
const ARTICLE = [
  "# Cold brew at home",
  ...["Why cold brew", "Grind and ratio", "Steep and strain", "Serve it"].map(
    (heading, i) => `## ${heading}\n\n${`Steep coarse coffee slowly in cold water, section ${i}. `.repeat(25)}`,
  ),
].join("\n\n");
const GOOD = { on_brief: 5, voice: 5, structure: 4, claims_hedged: 5, call_to_action: 4, rationale: "Solid." };
const POOR = { on_brief: 2, voice: 2, structure: 2, claims_hedged: 3, call_to_action: 1, rationale: "Off brief." };
const TASK = { role: "blog-writer", topic: "Cold brew at home", outputLengthTarget: 900 };

const deps = (): AgentJobDeps => ({
  db,
  adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 2000 }),
  sleep: () => Promise.resolve(),
});

/** A tenant (floor Haiku, judge off) whose blog writer has the cascade on at a 0.7 bar. */
async function cascadingTenant(balanceMicros = 100_000_000) {
  const { tenant } = await createTestTenant(db, { balanceMicros, adapter: "anthropic" });
  await db.agentConfig.updateMany({
    where: { tenantId: tenant.id, role: "blog-writer" },
    data: { cascadeEnabled: true, cascadeThreshold: 0.7 },
  });
  return tenant;
}

async function run(tenantId: string, isFinalAttempt = true) {
  // A key of its own: the same task twice in one tenant would otherwise be the same run.
  const { run } = await createAgentRun(db, { tenantId, input: TASK, idempotencyKey: randomUUID() });
  const outcome = await runAgentJob({ runId: run.id, tenantId }, deps(), { isFinalAttempt });
  return { runId: run.id, outcome };
}

async function settled(tenantId: string, runId: string, opening: number) {
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
  const balance = await readBalance(db, tenantId);
  expect(await ledgerSum(db, tenantId)).toBe(balance);
  return { row, spent: opening - balance, cascade: row.cascade as unknown as CascadeRecord };
}

/** What the fake billed for request `i`, on `model`. */
function billed(i: number, model: string) {
  const usage = fake().requests[i]?.usage;
  if (!usage) throw new Error(`request ${i} has no usage`);
  return costOfUsage(model, { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens });
}

describe("the quality-gated cascade, through the real SDK and the fake Messages API", () => {
  it("keeps the cheaper draft when the checks and the judge pass, charging its call and the judge's", async () => {
    const tenant = await cascadingTenant();
    fake().enqueue({ kind: "ok", text: ARTICLE }, { kind: "tool", input: GOOD });
    const { runId, outcome } = await run(tenant.id);
    expect(outcome).toMatchObject({ status: "succeeded", model: HAIKU, judgeStatus: "scored" });
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU, HAIKU]);
    const { row, spent, cascade } = await settled(tenant.id, runId, 100_000_000);
    expect(row).toMatchObject({ modelRoutedTo: HAIKU, modelRouteReason: "cascade_accepted", judgeScore: 0.9 });
    expect(cascade).toMatchObject({
      outcome: "accepted",
      routedModel: SONNET,
      cheapModel: HAIKU,
      threshold: 0.7,
      gate: { checksScore: 1, judgeStatus: "scored", judgeScore: 0.9, isPassed: true },
    });
    expect(cascade.discarded).toBeUndefined();
    const charge = billed(0, HAIKU) + billed(1, HAIKU);
    expect(Number(row.actualCostMicros)).toBe(charge);
    expect(spent).toBe(charge);
    // The run's tokens are the kept call's; the baseline prices that call on Sonnet.
    expect(row.outputTokens).toBe(fake().requests[0]!.usage!.output_tokens);
  });

  it("escalates once to the routed model when the judge fails the draft, charging every call once", async () => {
    const tenant = await cascadingTenant();
    fake().enqueue({ kind: "ok", text: ARTICLE }, { kind: "tool", input: POOR }, { kind: "ok", text: ARTICLE });
    const { runId, outcome } = await run(tenant.id);
    expect(outcome).toMatchObject({ status: "succeeded", model: SONNET, judgeStatus: "not_sampled" });
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU, HAIKU, SONNET]);
    // The rejected draft is not passed along: the routed call sends the prompt a run without a cascade would.
    expect(JSON.stringify(fake().requests[2]!.body.messages)).not.toContain("section 0");
    const { row, spent, cascade } = await settled(tenant.id, runId, 100_000_000);
    expect(row).toMatchObject({ modelRoutedTo: SONNET, modelRouteReason: "cascade_escalated" });
    expect(cascade).toMatchObject({
      outcome: "escalated",
      gate: { judgeScore: 0.25, isPassed: false },
      discarded: { model: HAIKU, costMicros: billed(0, HAIKU) },
      gateJudgeCostMicros: billed(1, HAIKU),
    });
    const charge = billed(0, HAIKU) + billed(1, HAIKU) + billed(2, SONNET);
    expect(Number(row.actualCostMicros)).toBe(charge);
    expect(spent).toBe(charge);
    expect(row.outputTokens).toBe(fake().requests[2]!.usage!.output_tokens);
  });

  it("runs the routed model alone when the balance covers it but not the cheaper call on top", async () => {
    // What the routed call alone holds, read off a first run's ledger.
    const probe = await cascadingTenant();
    fake().enqueue({ kind: "ok", text: ARTICLE }, { kind: "tool", input: POOR }, { kind: "ok", text: ARTICLE });
    const probed = await run(probe.id);
    const holds = await db.creditLedgerEntry.findMany({
      where: { runId: probed.runId, kind: "reservation" },
      orderBy: { createdAt: "asc" },
    });
    const routedHold = -Number(holds.find((h) => h.note === SONNET)!.amountMicros);
    expect(holds.some((h) => h.note?.startsWith("cascade"))).toBe(true);

    fake().requests.length = 0;
    const tenant = await cascadingTenant(routedHold + 1);
    fake().enqueue({ kind: "ok", text: ARTICLE });
    const { runId, outcome } = await run(tenant.id);
    expect(outcome).toMatchObject({ status: "succeeded", model: SONNET });
    expect(fake().requests.map((r) => r.body.model)).toEqual([SONNET]);
    const { row, spent, cascade } = await settled(tenant.id, runId, routedHold + 1);
    expect(row.modelRouteReason).toBe("complexity:standard");
    expect(cascade.outcome).toBe("skipped");
    expect(cascade.skipped).toMatch(/balance does not cover/);
    expect(spent).toBe(billed(0, SONNET));
  });

  it("charges nothing for an attempt that died between its two calls, and each call of the retry once", async () => {
    const tenant = await cascadingTenant();
    fake().enqueue(
      { kind: "ok", text: ARTICLE },
      { kind: "tool", input: POOR },
      { kind: "ok", text: ARTICLE },
      { kind: "tool", input: GOOD },
    );
    // The first execution dies as its escalation starts (after the cheaper call and the gate were billed).
    const real = createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 2000 });
    let calls = 0;
    const dying: AgentJobDeps = {
      ...deps(),
      adapterFor: () => ({
        name: "anthropic",
        generate: (request) => {
          if (++calls === 3) return Promise.reject(new Error("the worker process was killed"));
          return real.generate(request);
        },
      }),
    };
    const { run: created } = await createAgentRun(db, { tenantId: tenant.id, input: TASK });
    const payload = { runId: created.id, tenantId: tenant.id };
    await expect(runAgentJob(payload, dying, { isFinalAttempt: false })).rejects.toThrow(/killed/);
    const between = await settled(tenant.id, created.id, 100_000_000);
    expect(between.spent).toBe(0);
    expect(between.row.status).toBe("queued");

    await expect(runAgentJob(payload, deps(), { isFinalAttempt: true })).resolves.toMatchObject({ model: HAIKU });
    const { row, spent } = await settled(tenant.id, created.id, 100_000_000);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2, modelRouteReason: "cascade_accepted" });
    expect(fake().requests).toHaveLength(4);
    expect(spent).toBe(billed(2, HAIKU) + billed(3, HAIKU));
    const charges = await db.creditLedgerEntry.count({ where: { runId: created.id, kind: "settlement" } });
    expect(charges).toBe(1);
  });

  it("counts kept and escalated drafts per role for the analytics tab, from rollups as from the runs", async () => {
    const tenant = await cascadingTenant();
    fake().enqueue(
      { kind: "ok", text: ARTICLE },
      { kind: "tool", input: GOOD },
      { kind: "ok", text: ARTICLE },
      { kind: "tool", input: POOR },
      { kind: "ok", text: ARTICLE },
    );
    const accepted = await run(tenant.id);
    const escalated = await run(tenant.id);
    const rows = await db.agentRun.findMany({ where: { id: { in: [accepted.runId, escalated.runId] } } });
    const sum = (pick: (r: (typeof rows)[number]) => bigint | null) => rows.reduce((n, r) => n + Number(pick(r)), 0);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const filters = { from: today, to: today, tenantIds: [tenant.id] };
    const expected = [
      {
        role: "blog-writer",
        accepted: 1,
        escalated: 1,
        actualMicros: sum((r) => r.actualCostMicros),
        baselineMicros: sum((r) => r.baselineCostMicros),
        judgeMicros: sum((r) => r.judgeCostMicros),
      },
    ];
    expect((await loadAnalytics(db, filters)).cascadeByRole).toEqual(expected);
    expect((await loadAnalytics(db, filters, "runs")).cascadeByRole).toEqual(expected);
  });

  it("never goes below the floor: with Sonnet as the floor a standard blog has nothing cheaper to try", async () => {
    const tenant = await cascadingTenant();
    await db.agentConfig.updateMany({ where: { tenantId: tenant.id, role: "blog-writer" }, data: { model: SONNET } });
    fake().enqueue({ kind: "ok", text: ARTICLE });
    const { runId } = await run(tenant.id);
    expect(fake().requests.map((r) => r.body.model)).toEqual([SONNET]);
    const { cascade } = await settled(tenant.id, runId, 100_000_000);
    expect(cascade.outcome).toBe("skipped");
    expect(cascade.skipped).toMatch(/at or above the floor/);
  });
});
