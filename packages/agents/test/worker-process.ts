import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * A real worker process (`pnpm worker`'s entry) on the simulated provider, with short
 * locks so a dead one's jobs are retaken quickly. `env` overrides anything.
 */
export function startWorkerProcess(
  prefix: string,
  latency: [number, number],
  env: Record<string, string> = {},
  stdio: "ignore" | "pipe" = "ignore",
  /** `built`: the compiled JavaScript `pnpm build` writes (what production runs), else the source through tsx. */
  entry: "source" | "built" = "source",
): ChildProcess {
  const args = entry === "built" ? ["dist/worker.js"] : ["--import", "tsx", "src/worker.ts"];
  return spawn(process.execPath, args, {
    cwd: packageDir,
    env: {
      ...process.env,
      QUEUE_PREFIX: prefix,
      ANTHROPIC_API_KEY: "",
      SIMULATED_LATENCY_MS_MIN: String(latency[0]),
      SIMULATED_LATENCY_MS_MAX: String(latency[1]),
      LANE_FAST_CONCURRENCY: "10",
      LANE_STANDARD_CONCURRENCY: "10",
      LANE_HEAVY_CONCURRENCY: "10",
      WORKER_LOCK_MS: "2000",
      WORKER_STALLED_INTERVAL_MS: "1000",
      WORKER_METRICS_PORT: "0",
      LOG_FORMAT: "json",
      ...env,
    },
    stdio: ["ignore", stdio, stdio === "ignore" ? "inherit" : "pipe"],
  });
}
