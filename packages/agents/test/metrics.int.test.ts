import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { closeAgentQueues, createAgentQueues } from "../src/queues/agent-queues";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createTestTenant } from "./fixtures";
import { REDIS_URL, waitForRuns } from "./harness";
import { parsePrometheus, sumOf } from "./prometheus-text";
import { startWorkerProcess } from "./worker-process";

const db = createPrismaClient();
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await db.$disconnect();
});

async function scrape(port: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`http://127.0.0.1:${String(port)}/metrics`).catch(() => undefined);
    if (response?.ok) return response.text();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no metrics on port ${String(port)}`);
}

describe("the worker's Prometheus endpoint", () => {
  it("counts jobs, tokens, cost, refusals and judge outcomes exactly as the rows record them", async () => {
    const prefix = `metrics-${randomUUID().slice(0, 8)}`;
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const rich = await createTestTenant(db, { balanceMicros: 100_000_000, judge: "always" });
    const poor = await createTestTenant(db, { balanceMicros: 1 });
    const connection = createRedisConnection(REDIS_URL, { isWorker: false });
    const queues = createAgentQueues(connection, prefix);
    const inputs = [
      { role: "social-post-writer", topic: "A caption about oat milk", channel: "instagram" },
      { role: "email-writer", topic: "Welcome to the loyalty club" },
      { role: "blog-writer", topic: "How we roast our beans", outputLengthTarget: 600 },
      {
        role: "blog-writer",
        topic: "Water chemistry and extraction",
        outputLengthTarget: 2000,
        requiresReasoning: true,
      },
    ];
    const runIds: string[] = [];
    for (const input of inputs) {
      runIds.push((await enqueueAgentJob({ db, queues }, { tenantId: rich.tenant.id, input })).run.id);
    }
    for (const input of inputs.slice(0, 2)) {
      runIds.push((await enqueueAgentJob({ db, queues }, { tenantId: poor.tenant.id, input })).run.id);
    }
    const worker = startWorkerProcess(prefix, [5, 20], { WORKER_METRICS_PORT: String(port) });
    children.push(worker);
    const runs = await waitForRuns(db, runIds, 60_000);
    await closeAgentQueues(queues);
    await connection.quit();
    const samples = parsePrometheus(await scrape(port));

    const succeeded = runs.filter((r) => r.status === "succeeded");
    const refused = runs.filter((r) => r.status === "refused_credits");
    expect(succeeded).toHaveLength(4);
    expect(refused).toHaveLength(2);
    expect(sumOf(samples, "switchyard_jobs_total", { outcome: "succeeded" })).toBe(succeeded.length);
    expect(sumOf(samples, "switchyard_jobs_total", { outcome: "refused_credits" })).toBe(refused.length);
    expect(sumOf(samples, "switchyard_refusals_total", { reason: "credit_limit" })).toBe(refused.length);
    expect(sumOf(samples, "switchyard_job_duration_seconds_count")).toBe(runs.length);
    expect(sumOf(samples, "switchyard_queue_wait_seconds_count")).toBe(runs.length);

    const models = [...new Set(succeeded.map((r) => r.modelRoutedTo ?? ""))];
    for (const model of models) {
      const ofModel = succeeded.filter((r) => r.modelRoutedTo === model);
      const costUsd = ofModel.reduce((sum, r) => sum + Number(r.actualCostMicros), 0) / 1e6;
      expect(sumOf(samples, "switchyard_cost_usd_total", { model })).toBeCloseTo(costUsd, 9);
      expect(sumOf(samples, "switchyard_jobs_total", { model, outcome: "succeeded" })).toBe(ofModel.length);
      const input = ofModel.reduce((sum, r) => sum + (r.inputTokens ?? 0), 0);
      const output = ofModel.reduce((sum, r) => sum + (r.outputTokens ?? 0), 0);
      expect(sumOf(samples, "switchyard_tokens_total", { model, kind: "input" })).toBe(input);
      expect(sumOf(samples, "switchyard_tokens_total", { model, kind: "output" })).toBe(output);
    }
    for (const status of ["scored", "failed", "skipped", "not_sampled"]) {
      const count = succeeded.filter((r) => r.judgeStatus === status).length;
      expect(sumOf(samples, "switchyard_judge_outcomes_total", { status })).toBe(count);
    }
    // Every generation and every judge call went through the instrumented adapter.
    expect(sumOf(samples, "switchyard_provider_call_duration_seconds_count", { status: "ok" })).toBeGreaterThanOrEqual(
      succeeded.length + succeeded.filter((r) => r.judgeStatus === "scored").length,
    );
    expect(sumOf(samples, "switchyard_worker_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(samples.some((s) => "tenant" in s.labels || "tenantId" in s.labels)).toBe(false);
  }, 120_000);
});
