import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@switchyard/db";
import autocannon from "autocannon";
import type { Worker } from "bullmq";
import { createTestTenant } from "../test/fixtures";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { issueApiKey } from "../src/api-keys";
import { parseAgentsEnv } from "../src/env";
import { LANE_NAMES } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createAgentWorker } from "../src/worker/create-agent-worker";
import { openWorkerDatabase } from "./bench-db";

const DASHBOARD_DIR = fileURLToPath(new URL("../../../apps/dashboard/", import.meta.url));
/** The traced server production and the image run. */
export const STANDALONE_SERVER = `${DASHBOARD_DIR}.next/standalone/apps/dashboard/server.js`;
const FINAL = ["succeeded", "failed", "refused_credits"];
/** The latency a held rate must keep. */
const P99_TARGET_MS = 100;

export interface LoadPhase {
  rate: number;
  seconds: number;
  /** Requests answered per second. */
  answeredPerSec: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  /** Answers outside 202/200/429/503, connection errors and requests that got no answer in 10 s. */
  otherStatuses: number;
  errors: number;
  timeouts: number;
}

export interface LoadReport {
  /** The highest probed rate whose p99 stayed under 100 ms with every request accepted (see `isHeld`). */
  heldRate: number;
  /** False when no probed rate held: the phases then ran at the lowest probed rate. */
  isHeld: boolean;
  probes: LoadPhase[];
  held: LoadPhase;
  overload: LoadPhase;
  /**
   * 202s answered inside the phases' windows; the runs the load created (more: autocannon drops answers still
   * in flight when a phase ends); how many distinct tasks they are (equal: no request made two runs); and how
   * many finished (succeeded, failed or refused) in the wait.
   */
  accepted: number;
  runs: number;
  distinctTasks: number;
  finished: number;
  drainSeconds: number;
  maxInFlight: number;
}

/**
 * Load at the door: POST /api/v1/jobs on the production build of the dashboard (standalone), driven by
 * autocannon at fixed rates. Probes find the highest rate the machine holds with p99 < 100 ms; that rate and
 * twice it are then kept up for `holdSeconds`. Workers in this process (simulated provider, zero latency) run
 * what is accepted, and every 202 must come to exactly one run that finishes.
 */
export async function benchLoad(
  db: PrismaClient,
  opts: { rates: number[]; probeSeconds: number; holdSeconds: number; maxInFlight: number },
  log: (msg: string) => void,
): Promise<LoadReport> {
  if (!existsSync(STANDALONE_SERVER)) {
    throw new Error("The load bench needs the dashboard built: pnpm --filter @switchyard/dashboard build");
  }
  const prefix = `load-${randomUUID().slice(0, 8)}`;
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e13 });
  const { secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "load bench" });
  const dashboard = await startDashboard(prefix, opts.maxInFlight);
  const consumer = createRedisConnection(parseAgentsEnv().REDIS_URL, { isWorker: true });
  const workerDb = openWorkerDatabase(LANE_NAMES.length * 50);
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 });
  const workers: Worker[] = LANE_NAMES.map((lane) =>
    createAgentWorker(
      lane,
      { db: workerDb.prisma, sql: workerDb.sql, adapterFor: () => adapter },
      { connection: consumer, prefix, concurrency: 50 },
    ),
  );
  try {
    const fire = (rate: number, seconds: number) => fireAt(dashboard.url, secret, rate, seconds);
    // Warm up first (the route's first requests connect the pools and compile): not reported, but its runs
    // are checked with the rest.
    const warmup = await fire(opts.rates[0] ?? 50, 3);
    const probes: LoadPhase[] = [];
    let heldRate = 0;
    for (const rate of opts.rates) {
      const probe = await fire(rate, opts.probeSeconds);
      probes.push(probe);
      log(`  probe ${rate}/s: p99 ${probe.p99Ms} ms, ${JSON.stringify(probe.statuses)}`);
      const isHeld =
        probe.p99Ms < P99_TARGET_MS &&
        (probe.statuses["202"] ?? 0) === Object.values(probe.statuses).reduce((a, b) => a + b, 0) &&
        probe.answeredPerSec >= rate * 0.9;
      if (!isHeld) break;
      heldRate = rate;
    }
    const isHeld = heldRate > 0;
    heldRate ||= opts.rates[0] ?? 50;
    log(`  holding ${heldRate}/s for ${opts.holdSeconds} s, then ${2 * heldRate}/s…`);
    const held = await fire(heldRate, opts.holdSeconds);
    const overload = await fire(2 * heldRate, opts.holdSeconds);
    const accepted = [warmup, ...probes, held, overload].reduce((sum, p) => sum + (p.statuses["202"] ?? 0), 0);
    const drainStart = performance.now();
    let runs = 0;
    let finished = 0;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const counts = await db.agentRun.groupBy({ by: ["status"], where: { tenantId: tenant.id }, _count: true });
      runs = counts.reduce((sum, c) => sum + c._count, 0);
      finished = counts.filter((c) => FINAL.includes(c.status)).reduce((sum, c) => sum + c._count, 0);
      if (runs >= accepted && finished === runs) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = Math.round((performance.now() - drainStart) / 100) / 10;
    const [{ distinct }] = await db.$queryRaw<[{ distinct: number }]>`
      SELECT count(DISTINCT input->>'topic')::int AS distinct FROM agent_runs WHERE tenant_id = ${tenant.id}::uuid`;
    return {
      heldRate,
      isHeld,
      probes,
      held,
      overload,
      accepted,
      runs,
      distinctTasks: distinct,
      finished,
      drainSeconds,
      maxInFlight: opts.maxInFlight,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await workerDb.disconnect();
    await consumer.quit();
    await dashboard.stop();
  }
}

let sent = 0;

async function fireAt(url: string, key: string, rate: number, seconds: number): Promise<LoadPhase> {
  const result = await autocannon({
    url: `${url}/api/v1/jobs`,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    // A unique topic per request: each is a new task (the derived idempotency key differs). Set per request:
    // autocannon's idReplacement stalls each connection after its first POST here.
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            role: "social-post-writer",
            topic: `Load at the door ${++sent}`,
            channel: "linkedin",
          }),
        }),
      },
    ],
    overallRate: rate,
    // Enough connections that the offered rate does not wait on answers (one request per connection per
    // second at most): the server, not the client, decides how many are in flight.
    connections: Math.min(1000, Math.max(50, rate)),
    duration: seconds,
    timeout: 10,
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  const allowed = ["202", "200", "429", "503"];
  const otherStatuses = Object.entries(statuses)
    .filter(([code]) => !allowed.includes(code))
    .reduce((sum, [, n]) => sum + n, 0);
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    rate,
    seconds,
    answeredPerSec: Math.round(answered / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    otherStatuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** The standalone production server, on the bench database and a private queue prefix. */
export async function startDashboard(
  prefix: string,
  maxInFlight: number,
): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn(process.execPath, [STANDALONE_SERVER], {
    cwd: DASHBOARD_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      QUEUE_PREFIX: prefix,
      SESSION_SECRET: randomUUID() + randomUUID(),
      SESSION_COOKIE_SECURE: "false",
      // The door is what is measured: no per-key minute limit, and this process's in-flight limit.
      API_RATE_LIMIT_PER_MINUTE: "0",
      API_MAX_IN_FLIGHT: String(maxInFlight),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const isUp = await fetch(`${url}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (isUp) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
