import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { ProviderError } from "../src/adapters/provider-error";
import type { LlmAdapter } from "../src/adapters/types";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { createRedisConnection } from "../src/queues/redis-connection";
import {
  createWebhookQueue,
  createWebhookWorker,
  deliverWebhook,
  emitRunEvent,
  generateWebhookSecret,
  notifyRunEnds,
  PermanentWebhookError,
  runEventId,
  WebhookEventSchema,
} from "../src/webhooks";
import { createTestTenant } from "./fixtures";
import { type Harness, REDIS_URL, startHarness } from "./harness";

/**
 * The README's verification snippet, as a receiver would paste it (kept word for word in step with the
 * README's Webhooks section): HMAC-SHA256 of "<t>.<raw body>", compared in constant time, t within 5 minutes.
 */
function verifySwitchyardSignature(secret: string, header: string, rawBody: string, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  isVerified: boolean;
}

/** A receiver on 127.0.0.1 that answers 500 to its first `failFirst` requests, then 200. */
async function startReceiver(secret: string, failFirst: number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const header = request.headers["switchyard-signature"];
      received.push({
        headers: request.headers,
        body,
        isVerified: typeof header === "string" && verifySwitchyardSignature(secret, header, body),
      });
      const isFailing = received.length <= failFirst;
      response.writeHead(isFailing ? 500 : 200, { "Content-Type": "text/plain" });
      response.end(isFailing ? "receiver down for maintenance" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/switchyard`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const FAILING_TOPIC = "A topic the provider refuses";

describe("webhooks, delivered from their own queue", () => {
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  let h: Harness;
  let producer: Redis;
  let consumer: Redis;
  let queue: Queue;
  let worker: Worker;
  const hookErrors: string[] = [];

  beforeAll(async () => {
    producer = createRedisConnection(REDIS_URL, { isWorker: false });
    consumer = createRedisConnection(REDIS_URL, { isWorker: true });
    queue = createWebhookQueue(producer, prefix);
    let notify: (runId: string) => Promise<void> = () => Promise.resolve();
    // The provider refuses (400, no retry) any prompt that mentions the marker, so a run can fail for good.
    const simulated = createSimulatedAdapter({ latencyMs: [1, 5] });
    const adapter: LlmAdapter = {
      name: "simulated",
      generate: (request) =>
        JSON.stringify(request.messages).includes(FAILING_TOPIC)
          ? Promise.reject(new ProviderError("bad_request", "prompt refused by the test provider", 400))
          : simulated.generate(request),
    };
    h = await startHarness({
      adapter,
      prefix,
      onRunEnded: (runId) => notify(runId),
    });
    // A 100 ms first retry (doubling) stands in for the production 30 s.
    notify = notifyRunEnds({ db: h.db, queue, baseDelayMs: 100 }, (runId, error) =>
      hookErrors.push(`${runId}: ${String(error)}`),
    );
    worker = createWebhookWorker(
      { db: h.db, isPrivateTargetAllowed: true, timeoutMs: 2000 },
      { connection: consumer, prefix, concurrency: 4 },
    );
    await worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await h.close();
    await Promise.all([producer.quit(), consumer.quit()]);
  });

  it("retries a receiver that fails twice with backoff, logs three attempts and signs every one", async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, 2);
    try {
      const { tenant } = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
      const endpoint = await h.db.webhookEndpoint.create({
        data: { tenantId: tenant.id, url: receiver.url, secret, events: ["run.succeeded", "run.failed"] },
      });
      const input = { role: "social-post-writer", topic: "Webhooks are here" };
      const { run } = await enqueueAgentJob(h, { tenantId: tenant.id, input });
      const [finished] = await h.waitForRuns([run.id]);
      expect(finished?.status).toBe("succeeded");
      expect(hookErrors).toEqual([]);

      const delivery = await waitFor(
        () => h.db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } }),
        (d) => d?.status === "delivered",
      );
      expect(delivery).toMatchObject({
        eventId: runEventId(run.id, "succeeded"),
        eventType: "run.succeeded",
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
      });
      expect(delivery?.deliveredAt).toBeInstanceOf(Date);
      expect(receiver.received).toHaveLength(3);
      expect(receiver.received.every((r) => r.isVerified)).toBe(true);
      // Retried with the same body, re-signed at each attempt's time.
      expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
      const last = receiver.received[2];
      expect(last?.headers["switchyard-event-type"]).toBe("run.succeeded");
      expect(last?.headers["switchyard-event-id"]).toBe(delivery?.eventId);
      const event = WebhookEventSchema.parse(JSON.parse(last?.body ?? "{}"));
      expect(event).toMatchObject({ type: "run.succeeded", tenantId: tenant.id, data: { runId: run.id } });
      expect(event.data.costMicros).toBe(Number(finished?.actualCostMicros));
      // The tampered body a man in the middle would send does not verify.
      expect(verifySwitchyardSignature(secret, String(last?.headers["switchyard-signature"]), last!.body + " ")).toBe(
        false,
      );
    } finally {
      await receiver.close();
    }
  });

  it("tells a run that failed for good as run.failed, with its error, to a receiver that verifies it", async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, 0);
    try {
      const { tenant } = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
      const endpoint = await h.db.webhookEndpoint.create({
        data: { tenantId: tenant.id, url: receiver.url, secret, events: ["run.failed"] },
      });
      const input = { role: "email-writer", topic: FAILING_TOPIC };
      const { run } = await enqueueAgentJob(h, { tenantId: tenant.id, input });
      const [finished] = await h.waitForRuns([run.id]);
      expect(finished?.status).toBe("failed");
      const delivery = await waitFor(
        () => h.db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } }),
        (d) => d?.status === "delivered",
      );
      expect(delivery).toMatchObject({ eventType: "run.failed", attempts: 1, lastStatusCode: 200 });
      expect(receiver.received.map((r) => r.isVerified)).toEqual([true]);
      const event = WebhookEventSchema.parse(JSON.parse(receiver.received[0]?.body ?? "{}"));
      expect(event.data).toMatchObject({ runId: run.id, status: "failed", costMicros: 0 });
      expect(String(event.data.error)).toContain("prompt refused by the test provider");
    } finally {
      await receiver.close();
    }
  });

  it("logs each failed attempt with its status code, error and next attempt before the retry", async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, 100);
    try {
      const { tenant } = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
      const endpoint = await h.db.webhookEndpoint.create({
        data: { tenantId: tenant.id, url: receiver.url, secret, events: ["run.succeeded"] },
      });
      const delivery = await h.db.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          tenantId: tenant.id,
          eventId: "evt_test_log",
          eventType: "run.succeeded",
          payload: "{}",
        },
      });
      const deps = { db: h.db, isPrivateTargetAllowed: true, timeoutMs: 2000 };
      await expect(
        deliverWebhook({ deliveryId: delivery.id }, deps, { isFinalAttempt: false, baseDelayMs: 60_000 }),
      ).rejects.toThrow(/HTTP 500: receiver down/);
      const logged = await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(logged).toMatchObject({ status: "retrying", attempts: 1, lastStatusCode: 500 });
      expect(logged.lastError).toMatch(/^HTTP 500: receiver down for maintenance/);
      expect(logged.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
      await expect(
        deliverWebhook({ deliveryId: delivery.id }, deps, { isFinalAttempt: true, baseDelayMs: 60_000 }),
      ).rejects.toThrow();
      const gaveUp = await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(gaveUp).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: null });
    } finally {
      await receiver.close();
    }
  });

  it("tells a refused run only to endpoints subscribed to run.refused, once however often it is emitted", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 0 });
    const { tenant: other } = await createTestTenant(h.db, { balanceMicros: 0 });
    const unreachable = "https://hooks.example.invalid/x";
    const [refusedHook, succeededHook, othersHook] = await Promise.all([
      h.db.webhookEndpoint.create({
        data: { tenantId: tenant.id, url: unreachable, secret: "s", events: ["run.refused"], isEnabled: true },
      }),
      h.db.webhookEndpoint.create({
        data: { tenantId: tenant.id, url: unreachable, secret: "s", events: ["run.succeeded"] },
      }),
      h.db.webhookEndpoint.create({
        data: { tenantId: other.id, url: unreachable, secret: "s", events: ["run.refused"] },
      }),
    ]);
    const input = { role: "blog-writer", topic: "Nothing to pay with" };
    const { run } = await enqueueAgentJob(h, { tenantId: tenant.id, input });
    const [finished] = await h.waitForRuns([run.id]);
    expect(finished?.status).toBe("refused_credits");
    await emitRunEvent({ db: h.db, queue, baseDelayMs: 100 }, run.id);
    const deliveries = await h.db.webhookDelivery.findMany({
      where: { endpointId: { in: [refusedHook.id, succeededHook.id, othersHook.id] } },
    });
    expect(deliveries.map((d) => [d.endpointId, d.eventType])).toEqual([[refusedHook.id, "run.refused"]]);
    expect(JSON.parse(deliveries[0]!.payload)).toMatchObject({ data: { status: "refused_credits", costMicros: 0 } });
  });

  it("refuses a loopback target when private targets are not allowed, without sending anything", async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, 0);
    try {
      const { tenant } = await createTestTenant(h.db);
      const localhostUrl = receiver.url.replace("127.0.0.1", "localhost");
      for (const url of [receiver.url, localhostUrl]) {
        const endpoint = await h.db.webhookEndpoint.create({
          data: { tenantId: tenant.id, url, secret, events: ["run.succeeded"] },
        });
        const delivery = await h.db.webhookDelivery.create({
          data: {
            endpointId: endpoint.id,
            tenantId: tenant.id,
            eventId: "e",
            eventType: "run.succeeded",
            payload: "{}",
          },
        });
        const deps = { db: h.db, isPrivateTargetAllowed: false, timeoutMs: 2000 };
        await expect(
          deliverWebhook({ deliveryId: delivery.id }, deps, { isFinalAttempt: false, baseDelayMs: 100 }),
        ).rejects.toThrow(PermanentWebhookError);
        const logged = await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
        expect(logged).toMatchObject({ status: "failed", attempts: 1 });
        expect(logged.lastError).toMatch(/refused: .* resolves to (127\.0\.0\.1|::1)/);
      }
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it("never lets a webhook problem reach the run: a failing queue is reported and swallowed", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
    await h.db.webhookEndpoint.create({
      data: { tenantId: tenant.id, url: "https://hooks.example.invalid/x", secret: "s", events: ["run.succeeded"] },
    });
    const { run } = await enqueueAgentJob(h, {
      tenantId: tenant.id,
      input: { role: "email-writer", topic: "Hello from the webhooks test" },
    });
    await h.waitForRuns([run.id]);
    const brokenQueue = { addBulk: () => Promise.reject(new Error("Redis is away")) } as unknown as Queue;
    const errors: string[] = [];
    const notify = notifyRunEnds({ db: h.db, queue: brokenQueue }, (_runId, error) => errors.push(String(error)));
    await expect(notify(run.id)).resolves.toBeUndefined();
    expect(errors).toEqual(["Error: Redis is away"]);
  });
});
