import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { readBalance } from "../src/credits";
import { costOfUsage } from "../src/lib/model-catalog";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { RouterRecordSchema } from "../src/quality/router-record";
import { RouterBreaker, type RouterBreakerOptions } from "../src/worker/hybrid/router-breaker";
import { type AgentJobDeps, runAgentJob } from "../src/worker/run-agent-job";
import { useFakeAnthropic } from "./fake-anthropic/use-fake-anthropic";
import { createTestTenant, ledgerSum } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPENING = 100_000_000;
const db = createPrismaClient();
const fake = useFakeAnthropic();
afterAll(() => db.$disconnect());

const ARTICLE = `# Cold brew at home\n\n${"Steep coarse coffee slowly in cold water. ".repeat(120)}`;
const COMPLEX = { tier: "complex", reason: "A long comparison that needs careful structure." };

function router(options: Partial<RouterBreakerOptions> = {}, timeoutMs = 2000) {
  const breaker = new RouterBreaker({ p95LimitMs: 10_000, maxOverheadShare: 0.5, coolDownMs: 600_000, ...options });
  return { breaker, timeoutMs };
}

function deps(hybrid = router(), adapter: "fake" | "simulated" = "fake"): AgentJobDeps {
  return {
    db,
    adapterFor: () =>
      adapter === "simulated"
        ? createSimulatedAdapter({ latencyMs: [0, 0] })
        : createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 5000 }),
    sleep: () => Promise.resolve(),
    router: hybrid,
  };
}

/** A tenant (floor Haiku, judge off) whose blog writer routes in `mode`. */
async function tenantIn(mode: "hybrid" | "heuristic", adapter = "anthropic") {
  const { tenant } = await createTestTenant(db, { balanceMicros: OPENING, adapter });
  await db.agentConfig.updateMany({ where: { tenantId: tenant.id, role: "blog-writer" }, data: { routerMode: mode } });
  return tenant;
}

async function run(tenantId: string, words: number, jobDeps: AgentJobDeps) {
  const input = { role: "blog-writer", topic: "Cold brew at home", outputLengthTarget: words };
  const { run } = await createAgentRun(db, { tenantId, input, idempotencyKey: randomUUID() });
  const payload = { runId: run.id, tenantId };
  const outcome = await runAgentJob(payload, jobDeps, { isFinalAttempt: true });
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
  const signals = row.routingSignals as { router?: unknown };
  return { payload, outcome, row, router: RouterRecordSchema.parse(signals.router) };
}

/** What the fake billed for request `i`, on `model`. */
function billed(i: number, model: string) {
  const usage = fake().requests[i]?.usage;
  if (!usage) throw new Error(`request ${i} has no usage`);
  return costOfUsage(model, { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens });
}

async function spentBy(tenantId: string) {
  const balance = await readBalance(db, tenantId);
  expect(await ledgerSum(db, tenantId)).toBe(balance);
  return OPENING - balance;
}

describe("the hybrid router, through the real SDK and the fake Messages API", () => {
  it("sends a close call to the classifier, routes on its tier, and charges its call exactly once", async () => {
    const tenant = await tenantIn("hybrid");
    fake().enqueue({ kind: "tool", input: COMPLEX }, { kind: "ok", text: ARTICLE });
    const { payload, outcome, row, router: record } = await run(tenant.id, 1500, deps());
    expect(outcome).toMatchObject({ status: "succeeded", model: SONNET });
    const [classifierCall, generation] = fake().requests;
    expect(classifierCall?.body).toMatchObject({ model: HAIKU, tool_choice: { type: "tool", name: "choose_tier" } });
    // The complex tier's room, not the standard tier's 8,192: the classifier's tier is the one routed.
    expect(generation?.body).toMatchObject({ model: SONNET, max_tokens: 16384 });
    expect(row).toMatchObject({ taskComplexity: "complex", modelRouteReason: "complexity:complex" });
    expect(record).toMatchObject({
      mode: "hybrid",
      decidedBy: "classifier",
      heuristicTier: "standard",
      boundary: { rule: "length_band", tiers: ["standard", "complex"] },
      classifier: { model: HAIKU, status: "chosen", tier: "complex", reason: COMPLEX.reason },
    });
    expect(record.classifier?.costMicros).toBe(billed(0, HAIKU));
    expect(record.classifier?.latencyMs).toBeGreaterThanOrEqual(0);
    const charge = billed(0, HAIKU) + billed(1, SONNET);
    expect(Number(row.actualCostMicros)).toBe(charge);
    expect(await spentBy(tenant.id)).toBe(charge);
    // Held before the call (the attempt's own hold), then the route on top of it; one settlement.
    const entries = await db.creditLedgerEntry.findMany({ where: { runId: row.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.kind, e.note])).toEqual([
      ["reservation", "router classifier"],
      ["reservation", SONNET],
      ["settlement", null],
    ]);
    expect(-Number(entries[0]!.amountMicros)).toBe(record.classifier?.heldMicros);
    expect(record.classifier!.heldMicros).toBeGreaterThanOrEqual(record.classifier!.costMicros);
    // A replay of the finished job calls nothing and charges nothing.
    await expect(runAgentJob(payload, deps(), { isFinalAttempt: true })).resolves.toMatchObject({
      status: "already_finished",
    });
    expect(fake().requests).toHaveLength(2);
    expect(await spentBy(tenant.id)).toBe(charge);
  });

  it("charges nothing for an attempt that died after the classifier, and the retry's calls once each", async () => {
    const tenant = await tenantIn("hybrid");
    fake().enqueue({ kind: "tool", input: COMPLEX }, { kind: "tool", input: COMPLEX }, { kind: "ok", text: ARTICLE });
    const real = createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 5000 });
    let calls = 0;
    // The first execution dies as its generation starts, after the classifier's call was billed.
    const dying: AgentJobDeps = {
      ...deps(),
      adapterFor: () => ({
        name: "anthropic",
        generate: (request) => {
          if (++calls === 2) return Promise.reject(new Error("the worker process was killed"));
          return real.generate(request);
        },
      }),
    };
    const input = { role: "blog-writer", topic: "Cold brew at home", outputLengthTarget: 1500 };
    const { run: created } = await createAgentRun(db, { tenantId: tenant.id, input });
    const payload = { runId: created.id, tenantId: tenant.id };
    await expect(runAgentJob(payload, dying, { isFinalAttempt: false })).rejects.toThrow(/killed/);
    expect(await spentBy(tenant.id)).toBe(0);
    await expect(runAgentJob(payload, deps(), { isFinalAttempt: true })).resolves.toMatchObject({ model: SONNET });
    const row = await db.agentRun.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ status: "succeeded", attempts: 2, taskComplexity: "complex" });
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU, HAIKU, SONNET]);
    const charge = billed(1, HAIKU) + billed(2, SONNET);
    expect(await spentBy(tenant.id)).toBe(charge);
    expect(await db.creditLedgerEntry.count({ where: { runId: created.id, kind: "settlement" } })).toBe(1);
  });

  it("refuses with budget_cap when a daily cap covers the classifier's hold but not the route's", async () => {
    const tenant = await tenantIn("hybrid");
    await db.tenant.update({ where: { id: tenant.id }, data: { dailyCapMicros: 5000 } });
    fake().enqueue({ kind: "tool", input: COMPLEX });
    const { outcome, row, router: record } = await run(tenant.id, 1500, deps());
    expect(outcome).toMatchObject({ status: "refused_credits", reason: "budget_cap" });
    expect(row).toMatchObject({ status: "refused_credits", modelRouteReason: "budget_cap", reservedMicros: 0n });
    expect(row.error).toMatch(/daily spend cap of \$0\.005/);
    expect(record).toMatchObject({ decidedBy: "classifier", classifier: { tier: "complex" } });
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU]);
    // A refusal charges nothing, the classifier's call included (README: Hybrid router).
    expect(await spentBy(tenant.id)).toBe(0);
  });

  it("skips the classifier when a cap does not cover its call, and says so", async () => {
    const tenant = await tenantIn("hybrid");
    await db.tenant.update({ where: { id: tenant.id }, data: { dailyCapMicros: 1000 } });
    const { outcome, router: record } = await run(tenant.id, 1500, deps());
    expect(outcome).toMatchObject({ status: "refused_credits", reason: "budget_cap" });
    expect(record).toMatchObject({ decidedBy: "heuristic", why: "the daily cap does not cover the classifier's call" });
    expect(fake().requests).toHaveLength(0);
    expect(await spentBy(tenant.id)).toBe(0);
  });

  it("warns of a cap the route's hold brings to 80%, as a hold taken at the attempt's start would", async () => {
    // What the classifier and the route hold, read off a first run's ledger.
    const probe = await tenantIn("hybrid");
    fake().enqueue({ kind: "tool", input: COMPLEX }, { kind: "ok", text: ARTICLE });
    const probed = await run(probe.id, 1500, deps());
    const holds = await db.creditLedgerEntry.findMany({ where: { runId: probed.row.id, kind: "reservation" } });
    const held = holds.reduce((n, h) => n - Number(h.amountMicros), 0);
    const tenant = await tenantIn("hybrid");
    await db.tenant.update({ where: { id: tenant.id }, data: { dailyCapMicros: Math.ceil(held / 0.85) } });
    fake().enqueue({ kind: "tool", input: COMPLEX }, { kind: "ok", text: ARTICLE });
    const warnings: { tenantId: string; periods: string[] }[] = [];
    const warned: AgentJobDeps = {
      ...deps(),
      onCapWarnings: (tenantId, caps) => {
        warnings.push({ tenantId, periods: caps.map((c) => c.period) });
        return Promise.resolve();
      },
    };
    const { outcome } = await run(tenant.id, 1500, warned);
    expect(outcome).toMatchObject({ status: "succeeded", model: SONNET });
    expect(warnings).toEqual([{ tenantId: tenant.id, periods: ["daily"] }]);
  });

  it("leaves a task that is not a close call to the heuristic, with no classifier call", async () => {
    const tenant = await tenantIn("hybrid");
    fake().enqueue({ kind: "ok", text: ARTICLE });
    const { row, router: record } = await run(tenant.id, 900, deps());
    expect(fake().requests.map((r) => r.body.model)).toEqual([SONNET]);
    expect(fake().requests[0]?.body).toMatchObject({ max_tokens: 8192 });
    expect(record).toEqual({
      mode: "hybrid",
      decidedBy: "heuristic",
      why: "not near a tier boundary",
      heuristicTier: "standard",
    });
    expect(row).toMatchObject({ taskComplexity: "standard", modelRouteReason: "complexity:standard" });
    expect(await spentBy(tenant.id)).toBe(billed(0, SONNET));
  });

  it("routes with the heuristic alone in heuristic mode (the default), close call or not", async () => {
    const tenant = await tenantIn("heuristic");
    fake().enqueue({ kind: "ok", text: ARTICLE });
    const { router: record } = await run(tenant.id, 1500, deps());
    expect(fake().requests.map((r) => r.body.model)).toEqual([SONNET]);
    expect(record).toMatchObject({ mode: "heuristic", decidedBy: "heuristic", why: "router mode heuristic" });
  });

  it("falls back on an answer outside the close call's two tiers, still charging the billed call once", async () => {
    const tenant = await tenantIn("hybrid");
    fake().enqueue({ kind: "tool", input: { tier: "expert", reason: "Opus, please." } }, { kind: "ok", text: ARTICLE });
    const { row, router: record } = await run(tenant.id, 1500, deps());
    expect(record).toMatchObject({ decidedBy: "heuristic", classifier: { status: "failed" } });
    expect(record.why).toMatch(/the classifier failed: classifier's answer did not fit: tier: /);
    expect(row.taskComplexity).toBe("standard");
    const charge = billed(0, HAIKU) + billed(1, SONNET);
    expect(Number(row.actualCostMicros)).toBe(charge);
    expect(await spentBy(tenant.id)).toBe(charge);
  });

  it("opens the breaker after failed calls and then routes close calls with the heuristic", async () => {
    const tenant = await tenantIn("hybrid");
    const hybrid = router({ failureLimit: 2 }, 300);
    fake().enqueue(
      { kind: "error", status: 500 },
      { kind: "ok", text: ARTICLE },
      { kind: "slow", delayMs: 1500, then: { kind: "tool", input: COMPLEX } },
      { kind: "ok", text: ARTICLE },
      { kind: "ok", text: ARTICLE },
    );
    const first = await run(tenant.id, 1500, deps(hybrid));
    expect(first.router).toMatchObject({ decidedBy: "heuristic", classifier: { status: "failed", costMicros: 0 } });
    expect(first.router.why).toMatch(/classifier call failed/);
    // An error is not billed: the run is charged its generation alone.
    expect(Number(first.row.actualCostMicros)).toBe(billed(1, SONNET));
    const second = await run(tenant.id, 1500, deps(hybrid));
    expect(second.router.why).toMatch(/timed out after 300 ms/);
    const third = await run(tenant.id, 1500, deps(hybrid));
    expect(third.router).toMatchObject({ decidedBy: "heuristic", boundary: { rule: "length_band" } });
    expect(third.router.why).toMatch(/^breaker open: 2 failed classifier calls in a row/);
    expect(third.router.classifier).toBeUndefined();
    expect(fake().requests.filter((r) => r.body.tools?.[0]?.name === "choose_tier")).toHaveLength(2);
  });

  it("opens the breaker when the classifier is slow (p95 above the limit)", async () => {
    const tenant = await tenantIn("hybrid");
    const hybrid = router({ p95LimitMs: 100, minSamples: 1 });
    fake().enqueue(
      { kind: "slow", delayMs: 250, then: { kind: "tool", input: COMPLEX } },
      { kind: "ok", text: ARTICLE },
      { kind: "ok", text: ARTICLE },
    );
    const slow = await run(tenant.id, 1500, deps(hybrid));
    // Slow but answered: its choice stands; the breaker judges the next one.
    expect(slow.router).toMatchObject({ decidedBy: "classifier", classifier: { tier: "complex" } });
    expect(slow.router.classifier!.latencyMs).toBeGreaterThanOrEqual(250);
    const next = await run(tenant.id, 1500, deps(hybrid));
    expect(next.router.why).toMatch(/^breaker open: classifier p95 \d+ ms over the last 1 calls is above 100 ms/);
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU, SONNET, SONNET]);
  });

  it("opens the breaker when the classifier's cost passes its share of the runs' cost", async () => {
    const tenant = await tenantIn("hybrid");
    const hybrid = router({ maxOverheadShare: 0.001, minSamples: 1 });
    fake().enqueue({ kind: "tool", input: COMPLEX }, { kind: "ok", text: ARTICLE }, { kind: "ok", text: ARTICLE });
    const first = await run(tenant.id, 1500, deps(hybrid));
    const share = billed(0, HAIKU) / Number(first.row.actualCostMicros);
    expect(share).toBeGreaterThan(0.001);
    const next = await run(tenant.id, 1500, deps(hybrid));
    expect(next.router.why).toMatch(/^breaker open: classifier cost [\d.]+% of its runs' cost/);
    expect(fake().requests.map((r) => r.body.model)).toEqual([HAIKU, SONNET, SONNET]);
  });
});

describe("the hybrid router on the simulated provider", () => {
  it("classifies a close call offline (noise, not judgment: the machinery works) and charges the call", async () => {
    const tenant = await tenantIn("hybrid", "simulated");
    const { outcome, row, router: record } = await run(tenant.id, 1500, deps(router(), "simulated"));
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(record).toMatchObject({ decidedBy: "classifier", classifier: { model: HAIKU, status: "chosen" } });
    expect(["standard", "complex"]).toContain(record.classifier?.tier);
    expect(row.taskComplexity).toBe(record.classifier?.tier);
    expect(record.classifier!.costMicros).toBeGreaterThan(0);
    expect(Number(row.actualCostMicros)).toBe(await spentBy(tenant.id));
  });
});
