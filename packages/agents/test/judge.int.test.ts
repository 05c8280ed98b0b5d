import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { readBalance } from "../src/credits";
import { costOfUsage } from "../src/lib/model-catalog";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { JUDGE_RUBRIC_VERSION } from "../src/quality/judge";
import { runAgentJob } from "../src/worker/run-agent-job";
import { useFakeAnthropic } from "./fake-anthropic/use-fake-anthropic";
import { createTestTenant, ledgerSum } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const db = createPrismaClient();
const fake = useFakeAnthropic();
afterAll(() => db.$disconnect());

const CAPTION = "Fresh single-origin beans are in. Come taste the Ethiopia pour-over this weekend. #coffee #newbeans";
const SCORES = { on_brief: 5, voice: 4, structure: 4, claims_hedged: 5, call_to_action: 3, rationale: "Weak CTA." };

/** A caption (Haiku) run through the real SDK and the fake API, the judge always on. */
async function judgedCaption(balanceMicros = 10_000_000) {
  const { tenant } = await createTestTenant(db, { balanceMicros, adapter: "anthropic", judge: "always" });
  const { run } = await createAgentRun(db, {
    tenantId: tenant.id,
    input: { role: "social-post-writer", topic: "New Ethiopia beans", channel: "instagram" },
  });
  const deps = {
    db,
    adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 2000 }),
    sleep: () => Promise.resolve(),
  };
  const outcome = await runAgentJob({ runId: run.id, tenantId: tenant.id }, deps, { isFinalAttempt: true });
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
  const balance = await readBalance(db, tenant.id);
  expect(await ledgerSum(db, tenant.id)).toBe(balance);
  return { outcome, row, tenant, balance, spent: balanceMicros - balance };
}

/** What the fake billed for request `i` (its usage as the adapter read it back). */
function billed(i: number) {
  const usage = fake().requests[i]?.usage;
  if (!usage) throw new Error(`request ${i} has no usage`);
  return costOfUsage(HAIKU, { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens });
}

describe("the LLM judge, through the real SDK and the fake Messages API", () => {
  it("scores a draft with a forced tool call, and charges both calls once", async () => {
    fake().enqueue({ kind: "ok", text: CAPTION }, { kind: "tool", input: SCORES });
    const { outcome, row, spent } = await judgedCaption();
    expect(outcome).toMatchObject({ status: "succeeded", judgeStatus: "scored" });
    expect(fake().requests[1]?.body).toMatchObject({
      tool_choice: { type: "tool", name: "record_scores" },
      model: HAIKU,
    });
    // (5 + 4 + 4 + 5 + 3) / 5 = 4.2 → (4.2 − 1) / 4 = 0.8
    expect(row).toMatchObject({
      judgeStatus: "scored",
      judgeScore: 0.8,
      judgeModel: HAIKU,
      judgeRubricVersion: JUDGE_RUBRIC_VERSION,
    });
    expect(row.judgeScores).toEqual(SCORES);
    expect(Number(row.judgeCostMicros)).toBe(billed(1));
    expect(Number(row.actualCostMicros)).toBe(billed(0) + billed(1));
    expect(spent).toBe(billed(0) + billed(1));
  });

  it("keeps the run succeeded when the judge's scores do not fit the rubric, and says why", async () => {
    fake().enqueue({ kind: "ok", text: CAPTION }, { kind: "tool", input: { ...SCORES, voice: 9, on_brief: "great" } });
    const { outcome, row, spent } = await judgedCaption();
    expect(outcome).toMatchObject({ status: "succeeded", judgeStatus: "failed" });
    expect(row.judgeStatus).toBe("failed");
    expect(row.judgeScore).toBeNull();
    expect(row.judgeError).toMatch(/did not fit the rubric.*voice/);
    // The malformed answer still used tokens: they are charged, once.
    expect(spent).toBe(billed(0) + billed(1));
  });

  it("keeps the run succeeded when the judge is overloaded (529), charging only the generation", async () => {
    fake().enqueue({ kind: "ok", text: CAPTION }, { kind: "error", status: 529 });
    const { outcome, row, spent } = await judgedCaption();
    expect(outcome).toMatchObject({ status: "succeeded", judgeStatus: "failed" });
    expect(row.judgeError).toMatch(/judge call failed: .*529/);
    expect([Number(row.judgeCostMicros), spent]).toEqual([0, billed(0)]);
  });

  it("skips the judge when the tenant can afford the caption but not the judge, and says so", async () => {
    // A caption on Haiku holds ~$0.011; with the judge's worst case on top, ~$0.023.
    fake().enqueue({ kind: "ok", text: CAPTION });
    const { outcome, row, spent } = await judgedCaption(15_000);
    expect(outcome).toMatchObject({ status: "succeeded", judgeStatus: "skipped" });
    expect(row.judgeError).toMatch(/credits covered the generation but not the judge/);
    expect(fake().requests).toHaveLength(1);
    expect(spent).toBe(billed(0));
  });
});
