import { createPrismaClient, loadAnalytics } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../src/adapters/anthropic-adapter";
import { approxTokens } from "../src/adapters/prompt-segments";
import { readBalance } from "../src/credits";
import { costOfUsage, getModel, type TokenUsage } from "../src/lib/model-catalog";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { ApprovedExamples } from "../src/worker/approved-examples";
import { runAgentJob } from "../src/worker/run-agent-job";
import { useFakeAnthropic } from "./fake-anthropic/use-fake-anthropic";
import { createTestTenant, ledgerSum } from "./fixtures";

const SONNET = "claude-sonnet-4-6";
const HAIKU = "claude-haiku-4-5-20251001";
/** About 2,000 tokens: over Sonnet 4.6's minimum cacheable prefix (1,024), under Haiku 4.5's (4,096). */
const CONTEXT_FILE = "Northwind roasts small-batch coffee in Leeds and ships it fresh within two days. ".repeat(100);

const db = createPrismaClient();
const fake = useFakeAnthropic();
afterAll(() => db.$disconnect());

async function tenantWith({ ttl = "5m", balanceMicros = 50_000_000 }: { ttl?: string; balanceMicros?: number } = {}) {
  const { tenant } = await createTestTenant(db, { balanceMicros, floor: SONNET, adapter: "anthropic" });
  await db.tenant.update({ where: { id: tenant.id }, data: { promptCacheTtl: ttl } });
  await db.agentConfig.updateMany({
    where: { tenantId: tenant.id },
    // The fake caches per exact prefix, as the API does: a tenant of its own has a prefix of its own.
    // Its answer is the same sentence for every call, which the near-duplicate guard would rightly catch
    // and rewrite once an approved piece says it: the guard is not what this file measures, so it is off.
    data: {
      promptSettings: { voice: "plain", contextFile: `${tenant.name}\n${CONTEXT_FILE}` },
      duplicateWindowDays: 0,
    },
  });
  return tenant;
}

const deps = () => ({
  db,
  adapterFor: () => createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake().baseURL, timeoutMs: 2000 }),
  sleep: () => Promise.resolve(),
  // A reader of its own per call: approvals a test makes are seen at once, not an hour later.
  examples: new ApprovedExamples(db),
});

async function run(tenantId: string, role: "blog-writer" | "social-post-writer" = "blog-writer", topic = "Cold brew") {
  const { run } = await createAgentRun(db, { tenantId, input: { role, topic, outputLengthTarget: 200 } });
  const outcome = await runAgentJob({ runId: run.id, tenantId }, deps(), { isFinalAttempt: true });
  const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
  return { outcome, row };
}

const usageOf = (row: Awaited<ReturnType<typeof run>>["row"]): TokenUsage => ({
  inputTokens: row.inputTokens ?? 0,
  outputTokens: row.outputTokens ?? 0,
  cacheReadTokens: row.cacheReadTokens ?? 0,
  cacheWriteTokens: row.cacheWriteTokens ?? 0,
  cacheWrite1hTokens: row.cacheWrite1hTokens ?? 0,
});

describe("prompt caching of the tenant's stable prefix", () => {
  it("writes the prefix on the first run and reads it on the next, each charged what the API billed", async () => {
    const tenant = await tenantWith();
    const first = await run(tenant.id);
    const second = await run(tenant.id, "blog-writer", "Iced lattes");
    expect(first.outcome.status).toBe("succeeded");
    expect(first.row.cacheNote).toMatch(/^marked \(5m\)/);
    expect(first.row.cacheWriteTokens).toBeGreaterThan(getModel(SONNET).minCacheableTokens);
    expect(first.row.cacheReadTokens).toBe(0);
    expect(second.row.cacheReadTokens).toBe(first.row.cacheWriteTokens);
    expect(second.row.cacheWriteTokens).toBe(0);
    // What the fake billed, priced with the catalog, is what was charged (no judge: it is off).
    for (const [i, r] of [first, second].entries()) {
      const billed = fake().requests[i]?.usage as unknown as Record<string, number>;
      expect(usageOf(r.row)).toMatchObject({
        inputTokens: billed.input_tokens,
        cacheReadTokens: billed.cache_read_input_tokens,
        cacheWriteTokens: billed.cache_creation_input_tokens,
      });
      expect(Number(r.row.actualCostMicros)).toBe(costOfUsage(SONNET, usageOf(r.row)));
    }
    // A write bills 1.25x: the first run paid for caching; the read saved 90% of the prefix.
    expect(Number(first.row.cacheSavingMicros)).toBeLessThan(0);
    expect(Number(second.row.cacheSavingMicros)).toBeGreaterThan(0);
    const prefix = second.row.cacheReadTokens ?? 0;
    expect(Number(second.row.cacheSavingMicros)).toBe(
      costOfUsage(SONNET, { inputTokens: prefix, outputTokens: 0 }) -
        costOfUsage(SONNET, { inputTokens: 0, outputTokens: 0, cacheReadTokens: prefix }),
    );
    const rollup = await db.runRollup.aggregate({
      where: { tenantId: tenant.id },
      _sum: { cacheReadTokens: true, cacheWriteTokens: true, cacheSavingMicros: true },
    });
    expect(Number(rollup._sum.cacheReadTokens)).toBe(prefix);
    expect(Number(rollup._sum.cacheWriteTokens)).toBe(first.row.cacheWriteTokens);
    expect(Number(rollup._sum.cacheSavingMicros)).toBe(
      Number(first.row.cacheSavingMicros) + Number(second.row.cacheSavingMicros),
    );
    expect(await ledgerSum(db, tenant.id)).toBe(await readBalance(db, tenant.id));
    // The analytics tab reads the same figures from rollups as from the runs themselves.
    const today = new Date(new Date().toISOString().slice(0, 10));
    const filters = { from: today, to: today, tenantIds: [tenant.id] };
    const fromRollups = await loadAnalytics(db, filters);
    expect(fromRollups.costByTenant).toEqual((await loadAnalytics(db, filters, "runs")).costByTenant);
    expect(fromRollups.costByModel).toMatchObject([
      {
        model: SONNET,
        runs: 2,
        cacheReadTokens: prefix,
        cacheSavingMicros: Number(first.row.cacheSavingMicros) + Number(second.row.cacheSavingMicros),
      },
    ]);
  });

  it("leaves a prefix under the model's minimum unmarked, and the run says why", async () => {
    const tenant = await tenantWith();
    await db.agentConfig.updateMany({ where: { tenantId: tenant.id }, data: { model: HAIKU } });
    const caption = await run(tenant.id, "social-post-writer");
    expect(caption.row.modelRoutedTo).toBe(HAIKU);
    expect(caption.row.cacheNote).toMatch(/under claude-haiku-4-5-20251001's minimum of 4096/);
    expect(JSON.stringify(fake().requests[0]?.body.system)).not.toMatch(/cache_control/);
    expect(caption.row.cacheWriteTokens).toBe(0);
    expect(Number(caption.row.cacheSavingMicros)).toBe(0);
  });

  it("bills 1-hour writes at 2x input when the tenant chose the 1-hour TTL", async () => {
    const tenant = await tenantWith({ ttl: "1h" });
    const { row } = await run(tenant.id);
    expect(row.cacheWrite1hTokens).toBe(row.cacheWriteTokens);
    expect(row.cacheWrite1hTokens).toBeGreaterThan(0);
    const { price } = getModel(SONNET);
    const writes = row.cacheWrite1hTokens ?? 0;
    const plain = (row.inputTokens ?? 0) * price.input + (row.outputTokens ?? 0) * price.output;
    expect(Math.abs(Number(row.actualCostMicros) - (plain + writes * price.cacheWrite1h) / 1e6)).toBeLessThan(1);
  });

  it("holds the worst case, a write: a balance for the call uncached but not for the write is refused", async () => {
    // Measure both holds on tenants that can afford them, then give a third tenant the amount between.
    const cached = await tenantWith();
    const uncached = await tenantWith({ ttl: "off" });
    const holdOf = async (tenantId: string) => {
      const { row } = await run(tenantId);
      const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { runId: row.id, kind: "reservation" } });
      return -Number(entry.amountMicros);
    };
    const writeHold = await holdOf(cached.id);
    const plainHold = await holdOf(uncached.id);
    expect(writeHold).toBeGreaterThan(plainHold);
    const between = await tenantWith({ balanceMicros: Math.floor((writeHold + plainHold) / 2) });
    const refused = await run(between.id);
    expect(refused.outcome.status).toBe("refused_credits");
    expect(await readBalance(db, between.id)).toBe(Math.floor((writeHold + plainHold) / 2));
    await db.tenant.update({ where: { id: between.id }, data: { promptCacheTtl: "off" } });
    expect((await run(between.id, "blog-writer", "Uncached")).outcome.status).toBe("succeeded");
  });

  it("shows approved pieces as examples inside the cached prefix, and prices the baseline without them", async () => {
    const tenant = await tenantWith();
    const approved = await run(tenant.id, "blog-writer", "Pour-over basics");
    const item = await db.contentItem.findUniqueOrThrow({ where: { runId: approved.row.id } });
    await db.contentItem.update({ where: { id: item.id }, data: { status: "approved" } });
    await db.review.create({
      data: { contentItemId: item.id, verdict: "approved", createdAt: new Date(Date.now() - 2 * 3_600_000) },
    });
    fake().requests.length = 0;
    const { row } = await run(tenant.id, "blog-writer", "Milk frothing");
    expect(row.exampleCount).toBe(1);
    const system = JSON.stringify(fake().requests[0]?.body.system);
    expect(system).toContain(`Example 1: ${item.title}`);
    // The examples close the cached prefix (its last breakpoint); the part before them is marked too.
    expect(system.indexOf("Example 1")).toBeLessThan(system.lastIndexOf("cache_control"));
    expect(system.indexOf("cache_control")).toBeLessThan(system.indexOf("Example 1"));
    expect(JSON.stringify(fake().requests[0]?.body.messages)).toContain("Milk frothing");
    // Baseline: Sonnet at list price on every input token but the examples block, no cache.
    const examplesTokens = approxTokens(
      (fake().requests[0]?.body.system as { text: string }[]).find((b) => b.text.startsWith("Pieces"))?.text ?? "",
    );
    expect(examplesTokens).toBeGreaterThan(0);
    const allInput = (row.inputTokens ?? 0) + (row.cacheReadTokens ?? 0) + (row.cacheWriteTokens ?? 0);
    expect(Number(row.baselineCostMicros)).toBe(
      costOfUsage(SONNET, { inputTokens: allInput - examplesTokens, outputTokens: row.outputTokens ?? 0 }),
    );
  });
});
