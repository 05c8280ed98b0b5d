import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  auditTenants,
  createTestTenant,
  type OwnPostgres,
  type OwnRedis,
  recordScenario,
  scale,
  startOwnPostgres,
  startOwnRedis,
  startWorkerProcess,
  waitForRuns,
} from "@switchyard/agents/testing";
import { closeAgentQueues, createAgentQueues, createRedisConnection, enqueueAgentJob } from "@switchyard/agents";
import { createPrismaClient, hashPassword, type PrismaClient } from "@switchyard/db";
import { sealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ARTIFACTS, launchChromium, startDashboard } from "./browser-harness";

/**
 * Restarts of Redis and of PostgreSQL in the middle of a run of jobs, on instances this
 * test starts (the machine's own keep serving every other test): workers reconnect,
 * jobs finish, nothing is lost or charged twice, and the dashboard shows an error
 * state while the database is down and recovers after.
 */
const JOBS = scale(120, 400);
let pg: OwnPostgres;
let redis: OwnRedis;
let db: PrismaClient;
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
const workers: ChildProcess[] = [];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  db = createPrismaClient({ url: pg.url });
}, 120_000);

afterAll(async () => {
  // A beforeAll or a test that failed part-way leaves some of these unset.
  const started: {
    pg?: OwnPostgres;
    redis?: OwnRedis;
    db?: PrismaClient;
    dashboard?: typeof dashboard;
    browser?: Browser;
  } = { pg, redis, db, dashboard, browser };
  for (const w of workers) w.kill("SIGKILL");
  await started.browser?.close();
  await started.dashboard?.stop();
  await started.db?.$disconnect();
  started.pg?.destroy();
  await started.redis?.destroy();
});

/** What a signed-in user sees in a real browser: the page's error state or its runs table. */
async function viewRuns(cookie: string, screenshot: string): Promise<"error state" | "runs" | "neither"> {
  const context = await browser.newContext();
  await context.addCookies([{ name: "switchyard_session", value: cookie, url: dashboard.url }]);
  const tab = await context.newPage();
  try {
    await tab.goto(`${dashboard.url}/agents?tab=runs`);
    const shown = await Promise.race([
      tab
        .locator("[data-error-state]")
        .waitFor({ timeout: 10_000 })
        .then(() => "error state" as const),
      tab
        .locator('table[aria-label="Runs"]')
        .waitFor({ timeout: 10_000 })
        .then(() => "runs" as const),
    ]).catch(() => "neither" as const);
    await tab.screenshot({ path: `${ARTIFACTS}/${screenshot}.png`, fullPage: true });
    return shown;
  } finally {
    await context.close();
  }
}

describe("reliability: infrastructure restarts", () => {
  it(`finishes ${JOBS} jobs once through Redis and PostgreSQL restarts, and the dashboard recovers`, async () => {
    const env = { DATABASE_URL: pg.url, REDIS_URL: redis.url };
    const prefix = `restarts-${randomUUID().slice(0, 8)}`;
    const tenants = await Promise.all(
      Array.from({ length: 2 }, () => createTestTenant(db, { balanceMicros: 500_000_000 })),
    );
    const user = await db.user.create({
      data: {
        email: `ops-${randomUUID().slice(0, 8)}@example.test`,
        name: "Ops",
        passwordHash: await hashPassword("unused"),
        isOperator: true,
      },
    });
    dashboard = await startDashboard(prefix, env);
    browser = await launchChromium();
    const cookie = await sealData(
      { userId: user.id, issuedAt: Date.now() },
      { password: dashboard.sessionSecret, ttl: 8 * 3600 },
    );

    const connection = createRedisConnection(redis.url, { isWorker: true });
    const queues = createAgentQueues(connection, prefix);
    const roles = ["social-post-writer", "email-writer", "blog-writer"];
    const runIds: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      runIds.push(
        (
          await enqueueAgentJob(
            { db, queues },
            { tenantId: tenants[i % 2]!.tenant.id, input: { role: roles[i % 3], topic: `Restart-proof piece ${i}` } },
          )
        ).run.id,
      );
    }
    const lanes = { LANE_FAST_CONCURRENCY: "5", LANE_STANDARD_CONCURRENCY: "5", LANE_HEAVY_CONCURRENCY: "5" };
    workers.push(
      startWorkerProcess(prefix, [500, 1500], {
        ...env,
        ...lanes,
        WORKER_LOCK_MS: "3000",
        WORKER_STALLED_INTERVAL_MS: "1500",
      }),
    );
    const finished = () =>
      db.agentRun.count({ where: { id: { in: runIds }, status: { notIn: ["queued", "running"] } } });
    await pause(1500);
    const beforeRedisRestart = await finished();
    await redis.stop();
    await pause(1000);
    await redis.start();
    await pause(1500);
    const beforePgRestart = await finished();

    pg.stop();
    const healthDown = await fetch(`${dashboard.url}/api/health`).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { status: string; database: string; redis: string },
    }));
    const pageDown = await viewRuns(cookie, "database-down");
    await pg.start();
    let pageUp = await viewRuns(cookie, "database-back");
    for (let i = 0; i < 10 && pageUp !== "runs"; i++) {
      await pause(500);
      pageUp = await viewRuns(cookie, "database-back");
    }
    const healthUp = await fetch(`${dashboard.url}/api/health`).then((r) => r.status);

    const runs = await waitForRuns(db, runIds, scale(120_000, 300_000));
    const audit = await auditTenants(
      db,
      tenants.map((t) => t.tenant.id),
    );
    recordScenario("3 infrastructure restarts", {
      tried: {
        jobs: JOBS,
        redisRestarts: 1,
        postgresRestarts: 1,
        finishedBeforeRedisRestart: beforeRedisRestart,
        finishedBeforePgRestart: beforePgRestart,
      },
      found: {
        ...audit.found,
        runsRetried: runs.filter((r) => r.attempts > 1).length,
        dashboardWhileDbDown: pageDown,
        healthWhileDbDown: `${healthDown.status} database=${healthDown.body.database}`,
        dashboardAfter: pageUp,
        healthAfter: healthUp,
      },
      lost: { ...audit.lost, jobsNotSucceeded: JOBS - audit.found.succeeded },
    });
    await closeAgentQueues(queues);
    await connection.quit();
    expect(beforeRedisRestart).toBeLessThan(JOBS);
    expect(pageDown).toBe("error state");
    expect(healthDown).toMatchObject({ status: 503, body: { database: "down", redis: "up" } });
    expect(pageUp).toBe("runs");
    expect(healthUp).toBe(200);
    expect(audit.found.succeeded).toBe(JOBS);
    expect(
      Object.values(audit.lost).every((v) => v === 0),
      JSON.stringify(audit.lost),
    ).toBe(true);
  }, 600_000);
});
