import type { PrismaClient } from "@switchyard/db";
import { replayRuns } from "../src/replay";
import { nowMs, round, summarize } from "./stats";

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A policy that moves a lot: standard blogs and emails to Haiku, every blog that may wait batched, no cache. */
const POLICY = {
  routing: {
    "blog-writer": { standard: "claude-haiku-4-5-20251001" },
    "email-writer": { standard: "claude-haiku-4-5-20251001" },
  },
  batch: { "blog-writer": "all" },
  caching: "off",
} as const;

/**
 * What-if replay latency (one replayRuns call: the grouped read of the runs, the quality cells from the
 * rollups, the pricing) for one history tenant over 30 and 90 days, on the history the analytics bench
 * seeded, after a VACUUM. Steady state: two unmeasured calls first.
 */
export async function benchReplay(db: PrismaClient, historyRuns: number, reps: number) {
  // The seed has just written the history in bulk: vacuum as autovacuum would soon, so the replay's index-only
  // scan does not read the heap to check visibility (a settled table in service is vacuumed).
  await db.$executeRawUnsafe("VACUUM (ANALYZE) agent_runs");
  const tenant = await db.tenant.findFirstOrThrow({ where: { slug: "history-01" } });
  const to = new Date();
  const results = [];
  for (const days of [30, 90]) {
    const request = { tenantId: tenant.id, from: day(new Date(to.getTime() - (days - 1) * DAY_MS)), to: day(to) };
    const call = () => replayRuns(db, { ...request, policy: POLICY });
    const answer = await call();
    await call();
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      const started = nowMs();
      await call();
      samples.push(nowMs() - started);
    }
    const s = summarize(samples);
    results.push({
      historyRuns,
      scenario: `one tenant, ${days} days`,
      runsReplayed: answer.runs,
      p50Ms: round(s.p50),
      p95Ms: round(s.p95),
      replayedVsActualPct: round((answer.replayedMicros / answer.actualMicros - 1) * 100, 1),
    });
  }
  return results;
}
