import { createDatabase } from "@switchyard/db";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { readBalance, readSpendPositions } from "../src/credits";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { createRedisConnection } from "../src/queues/redis-connection";
import {
  addWebhookEndpoint,
  BudgetWarningDataSchema,
  budgetWarningEventId,
  createWebhookQueue,
  notifyCapWarnings,
  WebhookEventSchema,
} from "../src/webhooks";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, REDIS_URL, startHarness } from "./harness";

const USD = 1_000_000;
const today = () => new Date().toISOString().slice(0, 10);

let h: Harness;
let producer: Redis;
let webhookQueue: Queue;
let closeDatabase: () => Promise<void>;
const warningErrors: string[] = [];

beforeAll(async () => {
  producer = createRedisConnection(REDIS_URL, { isWorker: false });
  const prefix = `caps-${Date.now()}`;
  webhookQueue = createWebhookQueue(producer, prefix);
  const database = createDatabase({ poolSize: 4 });
  closeDatabase = () => database.disconnect();
  h = await startHarness({
    adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }),
    prefix,
    deps: {
      onCapWarnings: notifyCapWarnings({ db: database.prisma, queue: webhookQueue }, (_tenant, error) =>
        warningErrors.push(String(error)),
      ),
    },
  });
});
afterAll(async () => {
  await h.close();
  await webhookQueue.obliterate({ force: true });
  await webhookQueue.close();
  await producer.quit();
  await closeDatabase();
});

async function enqueue(tenantId: string, i: number) {
  const input = { role: "social-post-writer", topic: `Harvest notes, lot ${i}`, channel: "instagram" };
  return (await enqueueAgentJob(h, { tenantId, input, idempotencyKey: `cap-${tenantId}-${i}` })).run;
}

describe("spend caps through the workers", () => {
  it("keeps 200 concurrent jobs within a daily cap: refused with budget_cap, never a micro-dollar over", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    const capMicros = 20_000;
    await h.db.tenant.update({ where: { id: tenant.id }, data: { dailyCapMicros: capMicros } });
    const runs = await Promise.all(Array.from({ length: 200 }, (_, i) => enqueue(tenant.id, i)));
    const rows = await h.waitForRuns(
      runs.map((r) => r.id),
      60_000,
    );
    const succeeded = rows.filter((r) => r.status === "succeeded");
    const refused = rows.filter((r) => r.status === "refused_credits");
    expect(succeeded.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(succeeded.length + refused.length).toBe(200);
    for (const run of refused) {
      expect(run.modelRouteReason).toBe("budget_cap");
      expect(run.error).toMatch(/daily spend cap of \$0\.0200/);
      expect(Number(run.actualCostMicros ?? 0n)).toBe(0);
    }
    const spent = succeeded.reduce((sum, r) => sum + Number(r.actualCostMicros), 0);
    expect(spent).toBeLessThanOrEqual(capMicros);
    const [position] = await readSpendPositions(h.db, [tenant.id]);
    expect(position).toMatchObject({ dailyCapMicros: capMicros, spentTodayMicros: spent });
    expect(await readBalance(h.db, tenant.id)).toBe(50 * USD - spent);
    expect(await ledgerSum(h.db, tenant.id)).toBe(50 * USD - spent);
  });

  it("sends budget.warning once when holds reach 80% of the cap, and the next jobs send nothing new", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    await addWebhookEndpoint(h.db, tenant.id, { url: "https://hooks.example.com/caps", events: ["budget.warning"] });
    // A first job tells what one costs to hold; the cap is two holds above what it spent.
    const first = (await h.waitForRuns([(await enqueue(tenant.id, 0)).id]))[0]!;
    const hold = Number(first.estimatedCostMicros);
    const capMicros = Number(first.actualCostMicros) + 2 * hold;
    await h.db.tenant.update({ where: { id: tenant.id }, data: { dailyCapMicros: capMicros } });
    const warnings = () => h.db.webhookDelivery.count({ where: { tenantId: tenant.id } });
    let jobs = 1;
    for (; jobs < 100 && (await warnings()) === 0; jobs++) await h.waitForRuns([(await enqueue(tenant.id, jobs)).id]);
    expect(await warnings()).toBe(1);
    // More jobs, up to and past the cap: the warning is not sent again.
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) await h.waitForRuns([(await enqueue(tenant.id, jobs + i)).id]);
    expect(warningErrors).toEqual([]);
    const deliveries = await h.db.webhookDelivery.findMany({ where: { tenantId: tenant.id } });
    expect(deliveries.map((d) => [d.eventType, d.eventId])).toEqual([
      ["budget.warning", budgetWarningEventId(tenant.id, "daily", today())],
    ]);
    const event = WebhookEventSchema.parse(JSON.parse(deliveries[0]!.payload));
    const data = BudgetWarningDataSchema.parse(event.data);
    expect(data).toMatchObject({ period: "daily", periodStart: today(), capMicros });
    expect(data.spentMicros).toBeGreaterThanOrEqual(0.8 * data.capMicros);
    const marked = await h.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(marked.capWarnedDay?.toISOString().slice(0, 10)).toBe(today());
    expect(marked.capWarnedMonth).toBeNull();
  });

  it("sends no warning to a tenant below 80%, nor one without caps", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 50 * USD });
    await addWebhookEndpoint(h.db, tenant.id, { url: "https://hooks.example.com/caps", events: ["budget.warning"] });
    await h.db.tenant.update({ where: { id: tenant.id }, data: { monthlyCapMicros: 10 * USD } });
    await h.waitForRuns([(await enqueue(tenant.id, 1)).id]);
    await h.db.tenant.update({ where: { id: tenant.id }, data: { monthlyCapMicros: null } });
    await h.waitForRuns([(await enqueue(tenant.id, 2)).id]);
    expect(await h.db.webhookDelivery.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
