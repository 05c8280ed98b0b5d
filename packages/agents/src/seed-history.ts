import "@switchyard/db/load-env";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createPrismaClient, type PrismaClient, rebuildRollups } from "@switchyard/db";
import { SingleBar } from "cli-progress";
import { grantCredits } from "./credits";
import { AGENT_ROLES, type AgentRole } from "./lib/agent-roles";
import { costOfUsage, getModel, PRICE_BOOK_VERSION } from "./lib/model-catalog";
import { explainTaskComplexity, planRoute } from "./lib/model-router";
import { createRandom } from "./adapters/simulated-prose";

/**
 * `pnpm seed:history`: a large, realistic run history for the analytics tab and the
 * benchmarks — mostly captions and emails, some blog posts, a few strategies and
 * context files, revisions, quality-first tenants with Sonnet floors, credit
 * downgrades, refusals and failures — routed by the real classifier and router.
 *
 * Every run it writes is marked synthetic. Its check and judge scores are drawn from a
 * fixed table per model family (QUALITY) plus noise: any relation between model and
 * quality in this history is that table read back, never a finding, and the dashboard
 * says so wherever it shows synthetic data.
 */
const ROLE_MIX: [AgentRole, number][] = [
  ["social-post-writer", 0.4],
  ["email-writer", 0.25],
  ["blog-writer", 0.25],
  ["strategy-writer", 0.05],
  ["context-file-writer", 0.05],
];
const OUTPUT_WORDS: Record<AgentRole, number> = {
  "social-post-writer": 60,
  "email-writer": 220,
  "blog-writer": 900,
  "strategy-writer": 1400,
  "context-file-writer": 700,
};
const QUALITY = { haiku: 0.8, sonnet: 0.87, opus: 0.92 } as const;
const BATCH = 10_000;
/** The share of the history's successes the judge graded, as the default sample rate would. */
const JUDGE_SAMPLE = 0.2;
const JUDGE_MODEL = "claude-haiku-4-5-20251001";

export interface SeedHistoryOptions {
  runs: number;
  tenants: number;
  days: number;
  onProgress?: (done: number) => void;
}

/** Appends `runs` synthetic finished runs and rebuilds the rollups. */
export async function seedHistory(
  db: PrismaClient,
  { runs: total, tenants: tenantCount, days, onProgress }: SeedHistoryOptions,
) {
  const tenants = await ensureHistoryTenants(db, tenantCount);
  const random = createRandom(total + Date.now());
  const charged = new Map<string, number>();
  for (let done = 0; done < total; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, total - done) }, () => syntheticRun(random, tenants, days));
    for (const r of rows) charged.set(r.tenantId, (charged.get(r.tenantId) ?? 0) + r.actual + (r.judgeCost ?? 0));
    await insertRuns(db, rows);
    onProgress?.(done + rows.length);
  }
  for (const [tenantId, micros] of charged) await chargeHistory(db, tenantId, micros);
  await rebuildRollups(db);
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "1000000" },
      tenants: { type: "string", default: "10" },
      days: { type: "string", default: "90" },
    },
  });
  const total = Number(values.runs),
    tenantCount = Number(values.tenants),
    days = Number(values.days);
  const db = createPrismaClient({ poolSize: 4 });
  const bar = new SingleBar({ format: "seeding runs [{bar}] {percentage}% | {value}/{total} | {eta}s left" });
  try {
    bar.start(total, 0);
    await seedHistory(db, { runs: total, tenants: tenantCount, days, onProgress: (done) => bar.update(done) });
    bar.stop();
    console.log(`done: ${total} runs over ${tenantCount} tenants and ${days} days (rollups rebuilt)`);
  } finally {
    await db.$disconnect();
  }
}

type HistoryTenant = { id: string; floor: string; configs: Map<string, string> };

async function ensureHistoryTenants(db: PrismaClient, count: number): Promise<HistoryTenant[]> {
  const tenants: HistoryTenant[] = [];
  for (let i = 1; i <= count; i++) {
    const slug = `history-${String(i).padStart(2, "0")}`;
    const floor = i % 4 === 0 ? "claude-sonnet-4-6" : "claude-haiku-4-5-20251001";
    const tenant = await db.tenant.upsert({
      where: { slug },
      update: {},
      create: { slug, name: `History tenant ${i}` },
    });
    await grantCredits(db, {
      tenantId: tenant.id,
      amountMicros: 1_000_000_000_000,
      idempotencyKey: `history-opening-${slug}`,
    });
    const configs = new Map<string, string>();
    for (const role of AGENT_ROLES) {
      const config = await db.agentConfig.upsert({
        where: { tenantId_role: { tenantId: tenant.id, role } },
        update: {},
        create: { tenantId: tenant.id, role, model: floor, adapter: "simulated" },
      });
      configs.set(role, config.id);
    }
    tenants.push({ id: tenant.id, floor, configs });
  }
  return tenants;
}

function syntheticRun(random: () => number, tenants: HistoryTenant[], days: number) {
  const tenant = tenants[Math.floor(random() * tenants.length)];
  if (tenant === undefined) throw new Error("no history tenants to write runs for");
  let pick = random();
  const role = ROLE_MIX.find(([, share]) => (pick -= share) < 0)?.[0] ?? "blog-writer";
  const words = Math.round(OUTPUT_WORDS[role] * (0.5 + random() * (role === "blog-writer" ? 2.5 : 1)));
  const explanation = explainTaskComplexity({
    agentRole: role,
    outputLengthTarget: words,
    hasRevisionHistory: random() < 0.08,
    contextRichness: "medium",
    requiresReasoning: random() < 0.3,
  });
  const [primary, fallback] = planRoute(
    role,
    explanation.complexity,
    tenant.floor,
    undefined,
    explanation.isEscalatedByRevision,
  );
  const fate = random();
  const isRefused = fate < 0.01;
  const isDowngraded = !isRefused && fallback !== undefined && fate < 0.06;
  const isFailed = !isRefused && fate > 0.995;
  const route = isDowngraded ? fallback : primary;
  const usage = {
    inputTokens: 400 + Math.floor(random() * 2500),
    outputTokens: Math.ceil(words * (1.2 + random() * 0.3)),
    cacheReadTokens: random() < 0.3 ? Math.floor(random() * 1500) : 0,
  };
  const succeeded = !isRefused && !isFailed;
  const isJudged = succeeded && random() < JUDGE_SAMPLE;
  const configId = tenant.configs.get(role);
  if (configId === undefined) throw new Error(`history tenant ${tenant.id} has no ${role} config`);
  const finishedAt = new Date(Date.now() - random() * days * 86_400_000);
  return {
    tenantId: tenant.id,
    configId,
    role,
    floor: tenant.floor,
    status: isRefused ? "refused_credits" : isFailed ? "failed" : "succeeded",
    complexity: explanation.complexity,
    model: isRefused ? null : route.model,
    reason: isRefused ? "credit_limit" : route.reason,
    usage,
    actual: succeeded ? costOfUsage(route.model, usage) : 0,
    baseline: succeeded ? costOfUsage("claude-sonnet-4-6", usage) : 0,
    quality: succeeded ? drawnScore(random, route.model, explanation.complexity) : null,
    judge: isJudged ? drawnScore(random, route.model, explanation.complexity) : null,
    judgeCost: isJudged ? costOfUsage(JUDGE_MODEL, { inputTokens: usage.outputTokens + 700, outputTokens: 150 }) : null,
    finishedAt,
  };
}

/** A score from the seed's own table for the model's family, a little lower for hard tiers, plus noise. */
function drawnScore(random: () => number, model: string, complexity: string): number {
  const isHard = complexity === "expert" || complexity === "complex";
  const score = QUALITY[getModel(model).family] - (isHard ? 0.05 : 0) + (random() - 0.5) * 0.2;
  return Math.min(1, Math.max(0, score));
}

async function insertRuns(db: PrismaClient, rows: ReturnType<typeof syntheticRun>[]) {
  const col = <T>(f: (r: ReturnType<typeof syntheticRun>) => T) => rows.map(f);
  const ids = rows.map(() => randomUUID());
  await db.$executeRaw`
    INSERT INTO agent_runs (id, tenant_id, config_id, role, job_id, status, adapter, model, input, task_complexity,
      model_routed_to, model_route_reason, actual_cost_micros, baseline_cost_micros, input_tokens, output_tokens,
      cache_read_tokens, cache_write_tokens, price_book_version, source, checks_score, judge_status, judge_score,
      judge_model, judge_cost_micros, attempts, queued_at, started_at, finished_at, settled_at)
    SELECT id, tenant_id, config_id, role, 'history/' || id, status::"RunStatus", 'simulated', floor, '{}'::jsonb,
      complexity::"TaskComplexity", model, reason, actual + COALESCE(judge_cost, 0), baseline, input_tokens,
      output_tokens, cache_read, 0, ${PRICE_BOOK_VERSION}, 'synthetic', quality,
      CASE WHEN status <> 'succeeded' THEN NULL WHEN judge IS NULL THEN 'not_sampled' ELSE 'scored' END::"JudgeStatus",
      judge, CASE WHEN judge IS NOT NULL THEN ${JUDGE_MODEL} END, judge_cost, 1, finished_at - interval '20 seconds',
      finished_at - interval '15 seconds', finished_at, CASE WHEN status = 'succeeded' THEN finished_at END
    FROM unnest(${ids}::uuid[], ${col((r) => r.tenantId)}::uuid[], ${col((r) => r.configId)}::uuid[],
      ${col((r) => r.role)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.floor)}::text[],
      ${col((r) => r.complexity)}::text[], ${col((r) => r.model)}::text[], ${col((r) => r.reason)}::text[],
      ${col((r) => r.actual)}::bigint[], ${col((r) => r.baseline)}::bigint[], ${col((r) => r.usage.inputTokens)}::int[],
      ${col((r) => r.usage.outputTokens)}::int[], ${col((r) => r.usage.cacheReadTokens)}::int[],
      ${col((r) => r.quality)}::float8[], ${col((r) => r.judge)}::float8[], ${col((r) => r.judgeCost)}::bigint[],
      ${col((r) => r.finishedAt)}::timestamptz[])
      AS t(id, tenant_id, config_id, role, status, floor, complexity, model, reason, actual, baseline, input_tokens,
        output_tokens, cache_read, quality, judge, judge_cost, finished_at)`;
}

/** The history's spend as one settlement per tenant, so balances still equal their ledgers. */
async function chargeHistory(db: PrismaClient, tenantId: string, micros: number) {
  await db.$executeRaw`
    WITH t AS (
      UPDATE tenants SET balance_micros = balance_micros - ${micros}::bigint WHERE id = ${tenantId}::uuid
      RETURNING id, balance_micros
    )
    INSERT INTO credit_ledger_entries (tenant_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
    SELECT id, 'settlement', -${micros}::bigint, balance_micros, ${`history-charge-${randomUUID()}`},
      'imported run history'
    FROM t`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
