import { createDatabase } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant, ledgerSum, testRunResult } from "../../test/fixtures";
import { readBalance, readRunCredits } from "../credits";
import { failRun, IllegalRunTransitionError, refuseRun, requeueRun, settleRun, startAttempt } from ".";

const database = createDatabase({ poolSize: 20 });
const { prisma: db, sql } = database;
afterAll(() => database.disconnect());

async function newRun(balanceMicros: number) {
  const { tenant, config } = await createTestTenant(db, { balanceMicros });
  const [runId] = await createTestRuns(db, tenant.id, config.id, 1);
  return { tenantId: tenant.id, runId: runId! };
}

const statusOf = async (runId: string) => (await db.agentRun.findUniqueOrThrow({ where: { id: runId } })).status;
const ledgerKinds = async (runId: string) =>
  (await db.creditLedgerEntry.findMany({ where: { runId }, orderBy: { id: "asc" } })).map((e) => [
    e.kind,
    Number(e.amountMicros),
  ]);

describe("start an attempt (queued | running → running, with its hold)", () => {
  it("lets exactly the affordable 50 of 200 concurrent holds through", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 50 * 1000 });
    const runIds = await createTestRuns(db, tenant.id, config.id, 200);
    const results = await Promise.all(
      runIds.map((runId) => startAttempt(sql, { runId, amountMicros: 1000, attempt: 1 })),
    );
    expect(results.filter((r) => r.isStarted)).toHaveLength(50);
    expect(results.filter((r) => !r.isStarted && !r.isSuperseded)).toHaveLength(150);
    expect(await readBalance(db, tenant.id)).toBe(0);
    expect(await ledgerSum(db, tenant.id)).toBe(0);
  });

  it("starts an attempt once: a second start of the same attempt is superseded and holds nothing", async () => {
    const { tenantId, runId } = await newRun(10_000);
    const starts = await Promise.all([1, 2, 3].map(() => startAttempt(sql, { runId, amountMicros: 1000, attempt: 1 })));
    expect(starts.filter((s) => s.isStarted)).toHaveLength(1);
    expect(starts.filter((s) => !s.isStarted && s.isSuperseded)).toHaveLength(2);
    expect(await readBalance(db, tenantId)).toBe(9000);
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect({ status: run.status, attempts: run.attempts, reserved: Number(run.reservedMicros) }).toEqual({
      status: "running",
      attempts: 1,
      reserved: 1000,
    });
  });

  it("returns a crashed attempt's hold when the next attempt takes its own, in one movement", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    // Attempt 1 died mid-call; attempt 2 holds less (say, after a downgrade).
    expect(await startAttempt(sql, { runId, amountMicros: 2000, attempt: 2 })).toEqual({
      isStarted: true,
      balanceAfterMicros: 8000,
      caps: [],
      warned: { daily: null, monthly: null },
    });
    expect(await readRunCredits(db, runId)).toEqual({ reservedMicros: 2000, balanceMicros: 8000 });
    const entries = await db.creditLedgerEntry.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, Number(e.amountMicros), Number(e.balanceAfterMicros)])).toEqual([
      ["reservation", -3000, 7000],
      ["release", 3000, 10_000],
      ["reservation", -2000, 8000],
    ]);
    expect(await ledgerSum(db, tenantId)).toBe(8000);
  });

  it("records the routing decision with the hold", async () => {
    const { runId } = await newRun(10_000);
    const decision = {
      complexity: "simple",
      model: "claude-haiku-4-5-20251001",
      reason: "complexity:simple",
      signals: { rule: "x" },
      priceBookVersion: "pb",
    };
    await startAttempt(sql, { runId, amountMicros: 1200, attempt: 1, note: "haiku", decision });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect([
      run.taskComplexity,
      run.modelRoutedTo,
      run.modelRouteReason,
      run.routingSignals,
      Number(run.estimatedCostMicros),
      run.priceBookVersion,
    ]).toEqual(["simple", "claude-haiku-4-5-20251001", "complexity:simple", { rule: "x" }, 1200, "pb"]);
  });

  it("leaves everything untouched when the tenant cannot afford the hold", async () => {
    const { runId } = await newRun(500);
    expect(await startAttempt(sql, { runId, amountMicros: 800, attempt: 1 })).toEqual({
      isStarted: false,
      isSuperseded: false,
      balanceMicros: 500,
      limit: "balance",
      caps: [],
    });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect({ status: run.status, attempts: run.attempts }).toEqual({ status: "queued", attempts: 0 });
    expect(await db.creditLedgerEntry.count({ where: { runId } })).toBe(0);
  });

  it("refuses to start a run that has finished", async () => {
    const { runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 1000, attempt: 1 });
    await settleRun(sql, runId, 400, testRunResult());
    await expect(startAttempt(sql, { runId, amountMicros: 1000, attempt: 2 })).rejects.toThrow(
      IllegalRunTransitionError,
    );
    expect(await ledgerKinds(runId)).toEqual([
      ["reservation", -1000],
      ["settlement", 600],
    ]);
  });
});

describe("settle (running → succeeded, with the charge, content and rollup)", () => {
  it("settles once however often settlement is replayed", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 4000, attempt: 1 });
    const settlements = await Promise.all([1, 2, 3].map(() => settleRun(sql, runId, 1500, testRunResult())));
    expect(settlements.filter((s) => s.isSettled)).toHaveLength(1);
    expect(await readBalance(db, tenantId)).toBe(8500);
    expect(await ledgerSum(db, tenantId)).toBe(8500);
    expect(await readRunCredits(db, runId)).toEqual({ reservedMicros: 0, balanceMicros: 8500 });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect(Number(run.actualCostMicros)).toBe(1500);
  });

  it("charges usage above the hold only as far as the balance allows", async () => {
    const { tenantId, runId } = await newRun(1000);
    await startAttempt(sql, { runId, amountMicros: 800, attempt: 1 });
    const settlement = await settleRun(sql, runId, 5000, testRunResult());
    expect(settlement).toMatchObject({ isSettled: true, chargedMicros: 1000, balanceAfterMicros: 0 });
    expect(await ledgerSum(db, tenantId)).toBe(0);
  });

  it("stores the content, marks the run succeeded and counts it in its rollup with the charge", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 4000, attempt: 1 });
    await settleRun(sql, runId, 1500, testRunResult());
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId }, include: { content: true } });
    expect({
      status: run.status,
      model: run.modelRoutedTo,
      quality: run.checksScore,
      body: run.content?.body,
    }).toEqual({
      status: "succeeded",
      model: "claude-haiku-4-5-20251001",
      quality: 0.8,
      body: "Settled text.",
    });
    const rollup = await db.runRollup.findFirstOrThrow({ where: { tenantId, status: "succeeded" } });
    expect({ runs: rollup.runs, actual: Number(rollup.actualCostMicros) }).toEqual({ runs: 1, actual: 1500 });
  });

  it("refuses to settle a run that never started, and writes nothing", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await expect(settleRun(sql, runId, 100, testRunResult())).rejects.toThrow(IllegalRunTransitionError);
    expect([
      await statusOf(runId),
      await readBalance(db, tenantId),
      await db.contentItem.count({ where: { runId } }),
    ]).toEqual(["queued", 10_000, 0]);
  });
});

describe("requeue and fail (running → queued | failed, with the hold returned)", () => {
  it("requeues: the hold goes back, the error is kept, and a replay moves nothing", async () => {
    const { tenantId, runId } = await newRun(5000);
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    expect(await requeueRun(sql, runId, 1, "429 from the provider")).toEqual({ isApplied: true, releasedMicros: 3000 });
    expect(await requeueRun(sql, runId, 1, "429 from the provider")).toEqual({ isApplied: false, isSuperseded: false });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.error, Number(run.reservedMicros)]).toEqual(["queued", "429 from the provider", 0]);
    expect(await ledgerKinds(runId)).toEqual([
      ["reservation", -3000],
      ["release", 3000],
    ]);
    expect(await ledgerSum(db, tenantId)).toBe(5000);
  });

  it("fails: the hold goes back once, and the failure is counted in its rollup", async () => {
    const { tenantId, runId } = await newRun(5000);
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    expect(await failRun(sql, runId, 1, "400 from the provider")).toEqual({ isApplied: true, releasedMicros: 3000 });
    expect(await failRun(sql, runId, 1, "400 from the provider")).toEqual({ isApplied: false, isSuperseded: false });
    expect(await readBalance(db, tenantId)).toBe(5000);
    expect(await ledgerKinds(runId)).toEqual([
      ["reservation", -3000],
      ["release", 3000],
    ]);
    const rollup = await db.runRollup.findFirstOrThrow({ where: { tenantId, status: "failed" } });
    expect(rollup.runs).toBe(1);
  });

  it("ignores the ending of an attempt a newer attempt superseded", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    await startAttempt(sql, { runId, amountMicros: 2000, attempt: 2 });
    expect(await failRun(sql, runId, 1, "stale")).toEqual({ isApplied: false, isSuperseded: true });
    expect(await requeueRun(sql, runId, 1, "stale")).toEqual({ isApplied: false, isSuperseded: true });
    expect([await statusOf(runId), await readBalance(db, tenantId)]).toEqual(["running", 8000]);
  });

  it("refuses to fail or requeue a run that succeeded", async () => {
    const { tenantId, runId } = await newRun(10_000);
    await startAttempt(sql, { runId, amountMicros: 3000, attempt: 1 });
    await settleRun(sql, runId, 1000, testRunResult());
    await expect(failRun(sql, runId, 1, "late")).rejects.toThrow(IllegalRunTransitionError);
    await expect(requeueRun(sql, runId, 1, "late")).rejects.toThrow(/cannot requeue/);
    expect([await statusOf(runId), await readBalance(db, tenantId)]).toEqual(["succeeded", 9000]);
  });
});

describe("refuse for credits (running → refused_credits)", () => {
  it("records why, charges nothing, and counts the refusal under credit_limit", async () => {
    const { tenantId, runId } = await newRun(100);
    await startAttempt(sql, { runId, amountMicros: 0, attempt: 1 });
    const refusal = {
      message: "cannot afford Haiku",
      complexity: "simple",
      signals: { rule: "r" },
      requiredMicros: 4200,
    };
    expect(await refuseRun(sql, runId, 1, refusal)).toEqual({ isApplied: true, releasedMicros: 0 });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.error, run.modelRouteReason, run.modelRoutedTo, Number(run.estimatedCostMicros)]).toEqual([
      "refused_credits",
      "cannot afford Haiku",
      "credit_limit",
      null,
      4200,
    ]);
    expect(await readBalance(db, tenantId)).toBe(100);
    const rollup = await db.runRollup.findFirstOrThrow({ where: { tenantId, status: "refused_credits" } });
    expect([rollup.runs, rollup.reason, Number(rollup.actualCostMicros)]).toEqual([1, "credit_limit", 0]);
  });

  it("refuses to refuse a run that never started", async () => {
    const { runId } = await newRun(100);
    const refusal = { message: "x", complexity: "simple", signals: {}, requiredMicros: 1 };
    await expect(refuseRun(sql, runId, 1, refusal)).rejects.toThrow(IllegalRunTransitionError);
    expect(await statusOf(runId)).toBe("queued");
  });
});
