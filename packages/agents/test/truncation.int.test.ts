import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { readBalance } from "../src/credits";
import { costOfUsage } from "../src/lib/model-catalog";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { runAgentJob } from "../src/worker/run-agent-job";
import { useFakeAnthropic } from "./fake-anthropic/use-fake-anthropic";
import { createTestTenant, ledgerSum } from "./fixtures";

const HAIKU = "claude-haiku-4-5-20251001";
const db = createPrismaClient();
const fake = useFakeAnthropic();
afterAll(() => db.$disconnect());

const OPENING = "Fresh single-origin beans are in, and the first bags are already on the shelf by the";
const WHOLE = `${OPENING} espresso bar. Come taste the Ethiopia pour-over this weekend. #coffee #newbeans`;

async function caption(balanceMicros = 10_000_000) {
  const { tenant } = await createTestTenant(db, { balanceMicros, adapter: "anthropic" });
  const { run } = await createAgentRun(db, {
    tenantId: tenant.id,
    input: { role: "social-post-writer", topic: "New Ethiopia beans", outputLengthTarget: 20 },
  });
  const deps = {
    db,
    adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 2000 }),
    sleep: () => Promise.resolve(),
  };
  const outcome = await runAgentJob({ runId: run.id, tenantId: tenant.id }, deps, { isFinalAttempt: true });
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id }, include: { content: true } });
  const balance = await readBalance(db, tenant.id);
  expect(await ledgerSum(db, tenant.id)).toBe(balance);
  expect(Number(row.reservedMicros)).toBe(0);
  const billed = fake().requests.reduce((n, r) => {
    if (!r.usage) return n;
    return n + costOfUsage(HAIKU, { inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens });
  }, 0);
  return { outcome, row, spent: balanceMicros - balance, billed };
}

const completeCheck = (checks: unknown) =>
  (checks as { name: string; isPassed: boolean }[]).find((c) => c.name === "complete");

describe("a generation cut off at max_tokens is never a silent success", () => {
  it("continues once with the partial text as a prefill, and stores the whole piece", async () => {
    fake().enqueue({ kind: "max_tokens", text: `${OPENING} ` }, { kind: "ok", text: WHOLE });
    const { outcome, row, spent, billed } = await caption();
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(fake().requests).toHaveLength(2);
    // The API refuses a prefill that ends in whitespace: the partial goes back trimmed.
    expect(fake().requests[1]?.body.messages.at(-1)).toEqual({ role: "assistant", content: OPENING });
    expect(row.content?.body).toBe(WHOLE);
    expect(row.continuations).toBe(1);
    expect(completeCheck(row.content?.qualityChecks)).toMatchObject({ isPassed: true });
    // Both calls are charged, once, and the continuation's extra hold came back.
    expect(spent).toBe(billed);
    expect(Number(row.actualCostMicros)).toBe(billed);
  });

  it("fails the checks with the reason `truncated` when the continuation is cut off too", async () => {
    fake().enqueue({ kind: "max_tokens", text: OPENING }, { kind: "max_tokens", text: `${OPENING} espresso` });
    const { outcome, row, spent, billed } = await caption();
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(row.continuations).toBe(1);
    expect(completeCheck(row.content?.qualityChecks)).toMatchObject({ isPassed: false, detail: /^truncated/ });
    expect(row.checksScore).toBeLessThan(0.8);
    expect(spent).toBe(billed);
  });

  it("does not continue when the tenant cannot afford the continuation, and says the piece is truncated", async () => {
    // Enough for the caption's hold (~$0.011), not for a second hold of about the same size.
    fake().enqueue({ kind: "max_tokens", text: OPENING });
    const { row, spent, billed } = await caption(13_000);
    expect(fake().requests).toHaveLength(1);
    expect(row.continuations).toBe(0);
    expect(completeCheck(row.content?.qualityChecks)).toMatchObject({ isPassed: false });
    expect(spent).toBe(billed);
  });
});
