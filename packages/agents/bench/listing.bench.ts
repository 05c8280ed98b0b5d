import { encodeRunCursor, listRunPage, type PrismaClient } from "@switchyard/db";
import { nowMs, round, summarize } from "./stats";

const PAGE = 50;

/** Samples one page load: two unmeasured first (plan and buffer caches), as the analytics bench does. */
async function sample(load: () => Promise<unknown>, reps: number) {
  for (let i = 0; i < 2; i++) await load();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = nowMs();
    await load();
    samples.push(nowMs() - started);
  }
  return summarize(samples);
}

/** The run at a given position of a view, newest first: where a deep page starts. */
async function runAt(db: PrismaClient, tenantId: string | undefined, offset: number) {
  const [run] = await db.agentRun.findMany({
    where: tenantId ? { tenantId } : {},
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    skip: offset,
    take: 1,
    select: { id: true, queuedAt: true },
  });
  return run;
}

/**
 * Listing runs (the API's GET /api/v1/runs and the runs tab) on the seeded history: the first page
 * and a deep one, in the operators' every-tenant view and one tenant's, by keyset cursor, beside
 * the OFFSET query the runs tab used before (the same rows, the same order).
 */
export async function benchListing(db: PrismaClient, reps: number) {
  const runs = await db.agentRun.count();
  const tenant = await db.tenant.findFirstOrThrow({ where: { slug: "history-01" } });
  const tenantRuns = await db.agentRun.count({ where: { tenantId: tenant.id } });
  const include = { tenant: { select: { name: true } } };
  const views = [
    { view: "operator (every tenant)", tenantIds: undefined, depth: Math.min(250_000, runs - PAGE) },
    { view: "one tenant", tenantIds: [tenant.id], depth: Math.max(0, Math.floor(tenantRuns * 0.9)) },
  ];
  const results = [];
  for (const { view, tenantIds, depth } of views) {
    for (const offset of [0, depth]) {
      const start = offset === 0 ? undefined : await runAt(db, tenantIds?.[0], offset - 1);
      const cursor = start && encodeRunCursor(start);
      const keyset = await sample(() => listRunPage(db, { tenantIds, after: cursor, limit: PAGE }, include), reps);
      const offsetQuery = await sample(
        () =>
          db.agentRun.findMany({
            where: tenantIds ? { tenantId: { in: tenantIds } } : {},
            orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
            skip: offset,
            take: PAGE + 1,
            include,
          }),
        Math.max(3, Math.floor(reps / 4)),
      );
      results.push({
        runs,
        view,
        page: offset === 0 ? 1 : Math.floor(offset / PAGE) + 1,
        keysetP50Ms: round(keyset.p50),
        keysetP95Ms: round(keyset.p95),
        offsetP50Ms: round(offsetQuery.p50),
        offsetP95Ms: round(offsetQuery.p95),
      });
    }
  }
  return results;
}
