import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueAgentJob } from "../../src/producer/enqueue-agent-job";
import { closeAgentQueues, createAgentQueues } from "../../src/queues/agent-queues";
import { createRedisConnection } from "../../src/queues/redis-connection";
import { createTestTenant } from "../fixtures";
import { REDIS_URL, waitForRuns } from "../harness";
import { startWorkerProcess } from "../worker-process";
import { auditTenants, cacheOutcomes, judgeOutcomes } from "./audit";
import { recordScenario, scale } from "./scenario-report";

const JOBS = scale(80, 500);
const KILLS = scale(4, 20);
const db = createPrismaClient();
const alive = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of alive) child.kill("SIGKILL");
  await db.$disconnect();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spawnWorker(prefix: string): ChildProcess {
  // Slow enough calls and few enough slots that the kills land while work remains.
  const child = startWorkerProcess(prefix, [300, 1500], {
    LANE_FAST_CONCURRENCY: "5",
    LANE_STANDARD_CONCURRENCY: "5",
    LANE_HEAVY_CONCURRENCY: "5",
  });
  alive.add(child);
  child.once("exit", () => alive.delete(child));
  return child;
}

describe("reliability: worker crashes", () => {
  it(`completes and charges each of ${JOBS} jobs once through ${KILLS} SIGKILLs at random moments`, async () => {
    const prefix = `crashes-${randomUUID().slice(0, 8)}`;
    const tenants = await Promise.all(
      Array.from({ length: 3 }, () =>
        createTestTenant(db, {
          balanceMicros: 500_000_000,
          judge: "sample",
          judgePercent: 50,
          contextFile: { tokens: 2_000 },
        }),
      ),
    );
    const connection = createRedisConnection(REDIS_URL, { isWorker: false });
    const queues = createAgentQueues(connection, prefix);
    const roles = ["social-post-writer", "email-writer", "blog-writer", "strategy-writer"];
    const runIds: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const input = { role: roles[i % roles.length], topic: `Crash-proof piece ${i}` };
      runIds.push((await enqueueAgentJob({ db, queues }, { tenantId: tenants[i % 3]!.tenant.id, input })).run.id);
    }
    spawnWorker(prefix);
    spawnWorker(prefix);
    let kills = 0;
    let killsMidJob = 0;
    while (kills < KILLS) {
      await pause(300 + Math.random() * 600);
      // Kill while work is in flight: wait for a (re)started worker to pick some up.
      let running = 0;
      let unfinished = 1;
      for (let i = 0; i < 50 && running === 0 && unfinished > 0; i++) {
        running = await db.agentRun.count({ where: { id: { in: runIds }, status: "running" } });
        unfinished = await db.agentRun.count({ where: { id: { in: runIds }, status: { in: ["queued", "running"] } } });
        if (running === 0) await pause(100);
      }
      if (unfinished === 0) break;
      const victims = [...alive];
      const victim = victims[Math.floor(Math.random() * victims.length)]!;
      victim.kill("SIGKILL");
      kills++;
      if (running > 0) killsMidJob++;
      spawnWorker(prefix);
    }
    const runs = await waitForRuns(db, runIds, scale(90_000, 300_000));
    const audit = await auditTenants(
      db,
      tenants.map((t) => t.tenant.id),
    );
    const retaken = runs.filter((r) => r.attempts > 1).length;
    recordScenario("2 worker crashes", {
      tried: { jobs: JOBS, sigkills: kills, killsWithJobsRunning: killsMidJob },
      found: {
        ...audit.found,
        runsRetakenAfterACrash: retaken,
        ...(await judgeOutcomes(db, runIds)),
        ...(await cacheOutcomes(db, runIds)),
      },
      lost: audit.lost,
    });
    await closeAgentQueues(queues);
    await connection.quit();
    expect(kills).toBe(KILLS);
    expect(audit.found.succeeded).toBe(JOBS);
    expect(retaken).toBeGreaterThan(0);
    expect(
      Object.values(audit.lost).every((v) => v === 0),
      JSON.stringify(audit.lost),
    ).toBe(true);
  }, 600_000);
});
