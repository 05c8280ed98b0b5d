import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { closeAgentQueues, createAgentQueues } from "../src/queues/agent-queues";
import { createRedisConnection } from "../src/queues/redis-connection";
import { createTestTenant, ledgerSum } from "./fixtures";
import { REDIS_URL, waitForRuns } from "./harness";
import { startWorkerProcess } from "./worker-process";

const db = createPrismaClient();
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await db.$disconnect();
});

/** A fresh queue prefix and tenant with `count` runs enqueued on it. */
async function enqueueRuns(prefix: string, count: number, inputFor: (i: number) => Record<string, unknown>) {
  const { tenant } = await createTestTenant(db, { balanceMicros: 100_000_000 });
  const connection = createRedisConnection(REDIS_URL, { isWorker: false });
  const queues = createAgentQueues(connection, prefix);
  const runIds: string[] = [];
  for (let i = 0; i < count; i++)
    runIds.push((await enqueueAgentJob({ db, queues }, { tenantId: tenant.id, input: inputFor(i) })).run.id);
  return {
    tenant,
    runIds,
    close: async () => {
      await closeAgentQueues(queues);
      await connection.quit();
    },
  };
}

function startWorker(prefix: string, latency: [number, number]): ChildProcess {
  const child = startWorkerProcess(prefix, latency);
  children.push(child);
  return child;
}

describe("a worker killed mid-job", () => {
  it("leaves stalled jobs another worker finishes: one success and one settlement per run", async () => {
    const prefix = `crash-${randomUUID().slice(0, 8)}`;
    const { tenant, runIds, close } = await enqueueRuns(prefix, 30, (i) => ({
      role: i % 2 ? "social-post-writer" : "blog-writer",
      topic: `Crash test piece number ${i}`,
    }));
    const victim = startWorker(prefix, [1500, 2500]);
    // Kill it once several runs are mid-call: holds taken, nothing settled yet.
    for (let i = 0; i < 200; i++) {
      const running = await db.agentRun.count({
        where: { id: { in: runIds }, status: "running", reservedMicros: { gt: 0 } },
      });
      if (running >= 5) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const midCall = await db.agentRun.count({ where: { id: { in: runIds }, status: "running" } });
    victim.kill("SIGKILL");
    expect(midCall).toBeGreaterThanOrEqual(5);

    startWorker(prefix, [0, 10]);
    const runs = await waitForRuns(db, runIds, 60_000);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    const settlements = await db.creditLedgerEntry.groupBy({
      by: ["runId"],
      where: { runId: { in: runIds }, kind: "settlement" },
      _count: true,
    });
    expect(settlements).toHaveLength(runIds.length);
    expect(settlements.every((s) => s._count === 1)).toBe(true);
    expect(await db.contentItem.count({ where: { runId: { in: runIds } } })).toBe(runIds.length);
    expect(runs.some((r) => r.attempts > 1)).toBe(true);
    expect(runs.every((r) => Number(r.reservedMicros) === 0)).toBe(true);
    const balance = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(await ledgerSum(db, tenant.id)).toBe(Number(balance.balanceMicros));
    await close();
  }, 90_000);
});

describe("a worker asked to stop", () => {
  it("finishes the jobs it holds on SIGTERM, then exits cleanly", async () => {
    const prefix = `drain-${randomUUID().slice(0, 8)}`;
    const { runIds, close } = await enqueueRuns(prefix, 5, (i) => ({
      role: "email-writer",
      topic: `Drain test email number ${i}`,
    }));
    const worker = startWorker(prefix, [1500, 2000]);
    for (let i = 0; i < 200; i++) {
      if ((await db.agentRun.count({ where: { id: { in: runIds }, status: "running" } })) === runIds.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    const runs = await db.agentRun.findMany({ where: { id: { in: runIds } } });
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "succeeded"));
    expect(runs.every((r) => r.attempts === 1)).toBe(true);
    await close();
  }, 60_000);
});
