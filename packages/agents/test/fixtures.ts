import { randomUUID } from "node:crypto";
import { hashApiKey, type PrismaClient } from "@switchyard/db";
import { grantCredits } from "../src/credits";
import type { RunResult } from "../src/runs";
import { AGENT_ROLES } from "../src/lib/agent-roles";

/** A fresh tenant per test keeps tests independent on one shared database. */
export async function createTestTenant(
  db: PrismaClient,
  {
    balanceMicros = 0,
    floor = "claude-haiku-4-5-20251001",
    adapter = "simulated",
    judge = "off",
    judgePercent = 20,
    contextFile,
  }: {
    balanceMicros?: number;
    floor?: string;
    adapter?: string;
    /** Off unless a test is about the judge: a sampled judge changes what a run holds and calls. */
    judge?: "always" | "sample" | "off";
    judgePercent?: number;
    /**
     * A brand context file of about this many tokens, its own per tenant: long enough, a prefix the
     * routed model caches. Off by default: caching changes what a run holds and is billed.
     */
    contextFile?: { tokens: number };
  } = {},
) {
  const slug = `test-${randomUUID().slice(0, 12)}`;
  const tenant = await db.tenant.create({ data: { slug, name: slug } });
  await db.agentConfig.createMany({
    data: AGENT_ROLES.map((role) => ({
      tenantId: tenant.id,
      role,
      adapter,
      model: floor,
      judgeMode: judge,
      judgeSamplePct: judgePercent,
      promptSettings: {
        voice: "plain",
        bannedPhrases: ["synergy"],
        ...(contextFile && {
          contextFile: `${slug} roasts coffee. ${"Fresh beans, fair prices. ".repeat(contextFile.tokens / 6)}`,
        }),
      },
    })),
  });
  const config = await db.agentConfig.findUniqueOrThrow({
    where: { tenantId_role: { tenantId: tenant.id, role: "blog-writer" } },
  });
  if (balanceMicros > 0) {
    await grantCredits(db, { tenantId: tenant.id, amountMicros: balanceMicros, idempotencyKey: `${slug}:opening` });
  }
  return { tenant, config };
}

export async function createTestRuns(db: PrismaClient, tenantId: string, configId: string, count: number) {
  const runs = Array.from({ length: count }, () => ({
    id: randomUUID(),
    tenantId,
    configId,
    role: "blog-writer",
    jobId: `test:${randomUUID()}`,
    adapter: "simulated",
    model: "claude-haiku-4-5-20251001",
    input: {},
  }));
  await db.agentRun.createMany({ data: runs });
  return runs.map((r) => r.id);
}

export async function ledgerSum(db: PrismaClient, tenantId: string): Promise<number> {
  const rows = await db.$queryRaw<{ sum: bigint | null }[]>`
    SELECT SUM(amount_micros)::bigint AS sum FROM credit_ledger_entries WHERE tenant_id = ${tenantId}::uuid`;
  return Number(rows[0]?.sum ?? 0);
}

/** A new API key for a tenant, stored as production stores it; returns the key itself. */
export async function createTestApiKey(
  db: PrismaClient,
  tenantId: string,
  { revoked = false }: { revoked?: boolean } = {},
): Promise<string> {
  const key = `sy_test_${randomUUID().replace(/-/g, "")}`;
  await db.apiKey.create({
    data: {
      tenantId,
      name: "test",
      prefix: key.slice(0, 12),
      keyHash: hashApiKey(key),
      revokedAt: revoked ? new Date() : null,
    },
  });
  return key;
}

/** A successful attempt's result, for settling a run directly (escrow tests and the escrow bench). */
export function testRunResult(model = "claude-haiku-4-5-20251001"): RunResult {
  return {
    model,
    routeReason: "standard_task",
    usage: { inputTokens: 900, outputTokens: 300 },
    baselineCostMicros: 0,
    priceBookVersion: "test",
    continuations: 0,
    judge: { status: "not_sampled" },
    content: { kind: "blog_post", title: "Escrow test", body: "Settled text.", checksScore: 0.8, qualityChecks: [] },
  };
}
