import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { PrismaClient, Sql } from "@switchyard/db";
import { generateProse } from "../src/adapters/simulated-prose";
import { candidateWindow, checkDraft, MAX_DUPLICATE_CANDIDATES, readCandidates } from "../src/near-duplicates";
import {
  createLocalProvider,
  createSpecialists,
  evaluateGuard,
  findSpecialist,
  loadNearDuplicatePairs,
  type SpecialistProvider,
} from "../src/specialists";
import { startFakeSie } from "../test/fake-sie/server";
import { createTestRuns, createTestTenant } from "../test/fixtures";
import { nowMs, round, summarize } from "./stats";

const fixtures = fileURLToPath(new URL("../test/fixtures/specialists/near-duplicates.json", import.meta.url));
const TOPICS = ["Onboarding checklists", "Pricing pages", "Seasonal menus", "Hiring a first marketer", "Churn"];

/** A tenant with `count` approved 800-word posts written today, as the guard's candidates. */
async function tenantWithPieces(db: PrismaClient, count: number) {
  const { tenant, config } = await createTestTenant(db);
  const runIds = await createTestRuns(db, tenant.id, config.id, count);
  await db.contentItem.createMany({
    data: runIds.map((runId, i) => ({
      id: randomUUID(),
      tenantId: tenant.id,
      runId,
      kind: "blog_post" as const,
      status: "approved" as const,
      title: `Piece ${i}`,
      body: generateProse({ shape: "article", topic: `${TOPICS[i % TOPICS.length]} ${i}`, words: 800, seed: i }),
    })),
  });
  return tenant.id;
}

/** What one guard check adds to a run: read the bounded candidate set, score the draft, pick the closest. */
async function timeChecks(sql: Sql, tenantId: string, specialists: SpecialistProvider, drafts: number) {
  const samples: number[] = [];
  let first = 0;
  for (let i = 0; i < drafts + 1; i++) {
    const draft = generateProse({ shape: "article", topic: `A new brief ${i}`, words: 800, seed: 10_000 + i });
    const started = nowMs();
    const window = candidateWindow({ now: new Date(), windowDays: 30 })!;
    const candidates = await readCandidates(sql, { tenantId, kind: "blog_post" }, window);
    await checkDraft(sql, tenantId, draft, candidates, { specialists, sieThreshold: 0.9 });
    const ms = nowMs() - started;
    // The first check of a tenant's pieces on an encoder embeds and stores all of them: reported apart.
    if (i === 0) first = ms;
    else samples.push(ms);
  }
  const s = summarize(samples);
  return { firstMs: round(first), p50Ms: round(s.p50), p95Ms: round(s.p95), checks: s.n };
}

/**
 * The near-duplicate guard's added time per run, offline (MinHash over the texts) and on the fake SIE
 * (vectors stored once, cosines in the worker), against a tenant holding the most candidates a check reads;
 * and its precision and recall on the labelled pairs at the threshold the guard uses (the catalog's for the
 * offline model; for the fake, the F1-best cut on these pairs, as an operator would calibrate a live SIE).
 */
export async function benchGuard(db: PrismaClient, sql: Sql, drafts: number) {
  const pairs = await loadNearDuplicatePairs(fixtures);
  const local = createLocalProvider();
  const fake = await startFakeSie();
  try {
    const sie = createSpecialists({ sieUrl: fake.baseUrl, maxRetries: 0 });
    const offlineThreshold = findSpecialist("local", "encode", "minhash-128-w2")?.duplicateThreshold;
    const offline = await evaluateGuard(local, pairs, offlineThreshold);
    const fakeSie = await evaluateGuard(sie, pairs);
    const tenantId = await tenantWithPieces(db, MAX_DUPLICATE_CANDIDATES);
    const localTime = await timeChecks(sql, tenantId, local, drafts);
    const sieTime = await timeChecks(sql, tenantId, sie, drafts);
    const quality = (e: typeof offline) => ({
      model: `${e.source.provider} ${e.source.model}`,
      threshold: round(e.metrics.threshold, 4),
      precision: round(e.metrics.precision, 3),
      recall: round(e.metrics.recall, 3),
      f1: round(e.metrics.f1, 3),
    });
    return {
      candidates: MAX_DUPLICATE_CANDIDATES,
      pairs: pairs.length,
      offline: { ...localTime, ...quality(offline) },
      fakeSie: { ...sieTime, ...quality(fakeSie) },
    };
  } finally {
    await fake.close();
  }
}
