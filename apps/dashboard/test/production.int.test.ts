import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createTestApiKey,
  createTestTenant,
  parsePrometheus,
  startWorkerProcess,
  sumOf,
  waitForRuns,
} from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard } from "./browser-harness";

/**
 * What production runs, end to end: the standalone Next server (`.next/standalone/.../server.js`) and the
 * compiled worker (`packages/agents/dist/worker.js`), serving one API job, both scraped for metrics.
 */
const BUILT_WORKER = fileURLToPath(new URL("../../../packages/agents/dist/worker.js", import.meta.url));
const METRICS_TOKEN = `metrics-${randomUUID()}`;
const db = createPrismaClient();
const prefix = `prod-${randomUUID().slice(0, 8)}`;
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let worker: ChildProcess | undefined;
const workerStdout: string[] = [];

beforeAll(async () => {
  if (!existsSync(BUILT_WORKER))
    throw new Error("The worker is not built: run `pnpm --filter @switchyard/agents build`.");
  dashboard = await startDashboard(prefix, { METRICS_TOKEN }, "standalone");
}, 120_000);

afterAll(async () => {
  worker?.kill("SIGTERM");
  await dashboard.stop();
  await db.$disconnect();
});

async function scrapeDashboard(token = METRICS_TOKEN) {
  return fetch(`${dashboard.url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
}

async function scrapeWorker(port: number) {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`http://127.0.0.1:${String(port)}/metrics`).catch(() => undefined);
    if (response?.ok) return parsePrometheus(await response.text());
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the built worker serves no metrics");
}

describe("the production build", () => {
  it("serves an API job on the standalone dashboard and the compiled worker; both export metrics", async () => {
    const { tenant } = await createTestTenant(db, { balanceMicros: 50_000_000 });
    const key = await createTestApiKey(db, tenant.id);
    const post = (topic: string) =>
      fetch(`${dashboard.url}/api/v1/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ role: "social-post-writer", topic, channel: "linkedin" }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { run: { id: string } } }));
    const posted = [await post("Our new roastery opens"), await post("Cold brew season is here")];
    expect(posted.map((p) => p.status)).toEqual([202, 202]);
    const runIds = posted.map((p) => p.body.run.id);

    expect((await fetch(`${dashboard.url}/api/metrics`)).status).toBe(401);
    expect((await scrapeDashboard(`${METRICS_TOKEN}x`)).status).toBe(401);
    const before = parsePrometheus(await (await scrapeDashboard()).text());
    // No worker yet: both jobs wait in this test's private lanes.
    const depth = (samples: typeof before) =>
      sumOf(samples, "switchyard_queue_jobs", { state: "waiting" }) +
      sumOf(samples, "switchyard_queue_jobs", { state: "prioritized" });
    expect(depth(before)).toBe(2);
    expect(before.some((s) => s.name === "switchyard_credit_holds_open")).toBe(true);
    expect(sumOf(before, "switchyard_dashboard_process_resident_memory_bytes")).toBeGreaterThan(0);

    const port = 20_000 + Math.floor(Math.random() * 1000);
    worker = startWorkerProcess(prefix, [5, 20], { WORKER_METRICS_PORT: String(port) }, "pipe", "built");
    worker.stdout?.on("data", (c: Buffer) => workerStdout.push(c.toString("utf8")));
    const runs = await waitForRuns(db, runIds, 60_000);
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);

    const served = await fetch(`${dashboard.url}/api/v1/runs/${runIds[0] ?? ""}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(served.status).toBe(200);
    const fromWorker = await scrapeWorker(port);
    expect(sumOf(fromWorker, "switchyard_jobs_total", { outcome: "succeeded" })).toBe(2);
    const costUsd = runs.reduce((sum, r) => sum + Number(r.actualCostMicros), 0) / 1e6;
    expect(sumOf(fromWorker, "switchyard_cost_usd_total")).toBeCloseTo(costUsd, 9);
    expect(depth(parsePrometheus(await (await scrapeDashboard()).text()))).toBe(0);

    const lines = workerStdout
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const runId of runIds) {
      expect(lines).toContainEqual(expect.objectContaining({ runId, tenantId: tenant.id, outcome: "succeeded" }));
    }
  }, 180_000);
});
