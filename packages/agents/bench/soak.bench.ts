import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@switchyard/db";
import { Queue } from "bullmq";
import { createTestTenant } from "../test/fixtures";
import { issueApiKey } from "../src/api-keys";
import { parseAgentsEnv } from "../src/env";
import { LANES } from "../src/queues/queue-registry";
import { createRedisConnection } from "../src/queues/redis-connection";
import { startDashboard } from "./load.bench";

const WORKER_ENTRY = fileURLToPath(new URL("../dist/worker.js", import.meta.url));
const FINAL = ["succeeded", "failed", "refused_credits"];

/** A steady mix: captions and emails on the fast lane, short blogs on the standard one. */
const MIX = [
  { role: "social-post-writer", channel: "instagram" },
  { role: "social-post-writer", channel: "linkedin" },
  { role: "email-writer" },
  { role: "blog-writer", outputLengthTarget: 600 },
] as const;

export interface SoakSample {
  atSeconds: number;
  rssMb: Record<string, number>;
  /** Jobs waiting, delayed or active over every lane. */
  queueDepth: number;
  accepted: number;
}

export interface SoakReport {
  seconds: number;
  ratePerSec: number;
  samples: SoakSample[];
  /** Least-squares slope of each process's RSS over the last two thirds of the samples, MB per minute. */
  rssSlopeMbPerMin: Record<string, number>;
  statuses: Record<string, number>;
  accepted: number;
  runs: number;
  finished: number;
}

/**
 * `pnpm bench --soak 30m`: a steady mixed load on the whole platform — the standalone dashboard taking jobs
 * over the API and one `pnpm worker` process (the built dist/worker.js, simulated provider at 20–200 ms) running
 * them — for the given time. Each sample prints every process's RSS and the lanes' depth; at the end, the RSS
 * slope over the last two thirds (flat within noise is the finding to look for) and whether every accepted job
 * became one finished run.
 */
export async function benchSoak(
  db: PrismaClient,
  opts: { seconds: number; sampleSeconds: number; ratePerSec: number },
  log: (msg: string) => void,
): Promise<SoakReport> {
  if (!existsSync(WORKER_ENTRY))
    throw new Error("The soak needs the worker built: pnpm --filter @switchyard/agents build");
  const prefix = `soak-${randomUUID().slice(0, 8)}`;
  const { tenant } = await createTestTenant(db, { balanceMicros: 1e13 });
  const { secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "soak" });
  const dashboard = await startDashboard(prefix, 64);
  const worker = startWorker(prefix);
  const redis = createRedisConnection(parseAgentsEnv().REDIS_URL, { isWorker: false });
  const lanes = Object.values(LANES).map((lane) => new Queue(lane.queue, { connection: redis, prefix }));
  const statuses: Record<string, number> = {};
  const samples: SoakSample[] = [];
  let sent = 0;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const post = async () => {
    const task = { ...MIX[sent % MIX.length], topic: `Soak piece ${++sent}` };
    const status = await fetch(`${dashboard.url}/api/v1/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(task),
      signal: AbortSignal.timeout(10_000),
    }).then(
      (r) => String(r.status),
      () => "no answer",
    );
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  try {
    const inFlight = new Set<Promise<void>>();
    const tick = 1000 / opts.ratePerSec;
    let nextSample = opts.sampleSeconds;
    while (elapsed() < opts.seconds) {
      const request = post().finally(() => inFlight.delete(request));
      inFlight.add(request);
      if (elapsed() >= nextSample) {
        nextSample += opts.sampleSeconds;
        const sample = await takeSample(elapsed(), { dashboard: dashboard.pid, worker: worker.pid }, lanes, statuses);
        samples.push(sample);
        log(
          `  ${Math.round(sample.atSeconds)} s: RSS ${Object.entries(sample.rssMb)
            .map(([name, mb]) => `${name} ${mb} MB`)
            .join(", ")}; queue depth ${sample.queueDepth}; ${sample.accepted} accepted`,
        );
      }
      const wait = started + sent * tick - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await Promise.all(inFlight);
    const accepted = statuses["202"] ?? 0;
    let runs = 0;
    let finished = 0;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const counts = await db.agentRun.groupBy({ by: ["status"], where: { tenantId: tenant.id }, _count: true });
      runs = counts.reduce((sum, c) => sum + c._count, 0);
      finished = counts.filter((c) => FINAL.includes(c.status)).reduce((sum, c) => sum + c._count, 0);
      if (finished === runs && runs >= accepted) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    return {
      seconds: opts.seconds,
      ratePerSec: opts.ratePerSec,
      samples,
      rssSlopeMbPerMin: slopes(samples),
      statuses,
      accepted,
      runs,
      finished,
    };
  } finally {
    await Promise.all(lanes.map((q) => q.obliterate({ force: true }).then(() => q.close())));
    await redis.quit();
    await stop(worker);
    await dashboard.stop();
  }
}

function startWorker(prefix: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QUEUE_PREFIX: prefix,
    SIMULATED_LATENCY_MS_MIN: "20",
    SIMULATED_LATENCY_MS_MAX: "200",
    LOG_LEVEL: "warn",
    WORKER_METRICS_PORT: "0",
  };
  // The simulated provider, whatever this shell has.
  delete env.ANTHROPIC_API_KEY;
  return spawn(process.execPath, [WORKER_ENTRY], { env, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

function rssMbOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : 0;
  } catch {
    return 0;
  }
}

async function takeSample(
  atSeconds: number,
  pids: Record<string, number | undefined>,
  lanes: Queue[],
  statuses: Record<string, number>,
): Promise<SoakSample> {
  const counts = await Promise.all(lanes.map((q) => q.getJobCounts("waiting", "delayed", "active", "prioritized")));
  const queueDepth = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  const rssMb: Record<string, number> = { "load driver": Math.round(process.memoryUsage().rss / 104_857.6) / 10 };
  for (const [name, pid] of Object.entries(pids)) rssMb[name] = rssMbOf(pid);
  return { atSeconds, rssMb, queueDepth, accepted: statuses["202"] ?? 0 };
}

/** Least squares over the last two thirds of the samples (the first third is warm-up), per process. */
function slopes(samples: SoakSample[]): Record<string, number> {
  const tail = samples.slice(Math.floor(samples.length / 3));
  const result: Record<string, number> = {};
  for (const name of Object.keys(tail[0]?.rssMb ?? {})) {
    const xs = tail.map((s) => s.atSeconds / 60);
    const ys = tail.map((s) => s.rssMb[name] ?? 0);
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] ?? 0) - my), 0);
    result[name] = n < 2 || sxx === 0 ? 0 : Math.round((sxy / sxx) * 100) / 100;
  }
  return result;
}
