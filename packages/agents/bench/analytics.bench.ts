import { type AnalyticsFilters, loadAnalytics, type PrismaClient } from "@switchyard/db";
import { seedHistory } from "../src/seed-history";
import { nowMs, round, summarize } from "./stats";

async function historyRunCount(db: PrismaClient): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM agent_runs WHERE job_id LIKE 'history/%'`;
  return Number(row?.n ?? 0);
}

/** Steady state: two unmeasured loads first (plan cache, buffer cache), the same for both sources. */
async function sample(db: PrismaClient, filters: AnalyticsFilters, source: "rollups" | "runs", reps: number) {
  for (let i = 0; i < 2; i++) await loadAnalytics(db, filters, source);
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = nowMs();
    await loadAnalytics(db, filters, source);
    samples.push(nowMs() - started);
  }
  return summarize(samples);
}

/** Every query of the analytics tab (one tab load) from the rollups, and the same questions over raw runs. */
export async function benchAnalytics(
  db: PrismaClient,
  sizes: number[],
  onSeed: (msg: string) => void,
  /** Other benches that read the same history, run at each size once it is seeded. */
  atSize?: (runs: number) => Promise<void>,
) {
  const results = [];
  for (const size of sizes) {
    const have = await historyRunCount(db);
    if (have < size) {
      onSeed(`seeding ${size - have} history runs (to ${size})…`);
      await seedHistory(db, { runs: size - have, tenants: 10, days: 90 });
    }
    const tenant = await db.tenant.findFirstOrThrow({ where: { slug: "history-01" } });
    const to = new Date();
    const scenarios: [string, AnalyticsFilters][] = [
      ["all tenants, 90 days", { from: new Date(to.getTime() - 90 * 86_400_000), to }],
      ["one tenant, 30 days", { from: new Date(to.getTime() - 30 * 86_400_000), to, tenantIds: [tenant.id] }],
      ["one role, 90 days", { from: new Date(to.getTime() - 90 * 86_400_000), to, role: "blog-writer" }],
    ];
    for (const [name, filters] of scenarios) {
      const rollups = await sample(db, filters, "rollups", 40);
      const naive = await sample(db, filters, "runs", size >= 1_000_000 ? 3 : 5);
      results.push({
        runs: await historyRunCount(db),
        scenario: name,
        rollupP50Ms: round(rollups.p50),
        rollupP95Ms: round(rollups.p95),
        naiveP50Ms: round(naive.p50),
        naiveP95Ms: round(naive.p95),
        speedup: round(naive.p50 / rollups.p50, 1),
      });
    }
    await atSize?.(await historyRunCount(db));
  }
  return results;
}
