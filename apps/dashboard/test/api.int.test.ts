import { randomUUID } from "node:crypto";
import {
  ApprovedExamples,
  createBatchCoordinator,
  createSimulatedAdapter,
  createSimulatedBatchAdapter,
  createTestApiKey,
  createTestRuns,
  createTestTenant,
  type Harness,
  ledgerSum,
  startHarness,
} from "@switchyard/agents/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectDocumented } from "./openapi-check";

const prefix = `api-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
// This file sends bursts of 100 requests to test routing and charging, not the door's in-flight limit
// (admission.int.test.ts tests that): no limit here.
process.env.API_MAX_IN_FLIGHT = "0";
const { POST } = await import("../app/api/v1/jobs/route");
const { GET } = await import("../app/api/v1/runs/[id]/route");
const { GET: LIST } = await import("../app/api/v1/runs/route");

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }), prefix });
});
afterAll(() => h.close());

async function tenantWithKey(options: Parameters<typeof createTestTenant>[1]) {
  const { tenant } = await createTestTenant(h.db, options);
  return { tenant, key: await createTestApiKey(h.db, tenant.id) };
}

/** Every answer is checked against the OpenAPI document before a test reads it. */
async function postJob(key: string | null, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const response = await POST(
    new Request("http://localhost/api/v1/jobs", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: raw,
    }),
  );
  await expectDocumented("/api/v1/jobs", "post", response);
  return response;
}

/** The parts of the API's JSON answers these tests read. */
interface RunAnswer {
  run: {
    id: string;
    role: string;
    status: string;
    lane: string;
    routing: { taskComplexity: string | null; modelRoutedTo: string | null; modelRouteReason: string | null };
  };
}
interface ErrorAnswer {
  error: { code: string; message: string };
}

/** The body is typed as a 200's; of any other answer the tests read only the status. */
async function getRun(key: string, id: string) {
  const response = await GET(
    new Request(`http://localhost/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${key}` } }),
    { params: Promise.resolve({ id }) },
  );
  await expectDocumented("/api/v1/runs/{id}", "get", response);
  return { status: response.status, body: (await response.json()) as RunAnswer };
}

interface ListAnswer {
  data: RunAnswer["run"][];
  nextCursor: string | null;
}

async function listRuns(key: string, query: Record<string, string> = {}) {
  const response = await LIST(
    new Request(`http://localhost/api/v1/runs?${new URLSearchParams(query)}`, {
      headers: { authorization: `Bearer ${key}` },
    }),
  );
  await expectDocumented("/api/v1/runs", "get", response);
  return { status: response.status, body: (await response.json()) as ListAnswer & ErrorAnswer };
}

const MIX = [
  { role: "social-post-writer", topic: "Weekend cupping event", channel: "instagram" },
  { role: "email-writer", topic: "Your beans shipped" },
  { role: "blog-writer", topic: "Pour-over ratios explained", outputLengthTarget: 700 },
  { role: "blog-writer", topic: "Roast curves and flavour", outputLengthTarget: 2200, requiresReasoning: true },
  { role: "strategy-writer", topic: "Content plan for Q1" },
];

describe("POST /api/v1/jobs → workers → GET /api/v1/runs/:id", () => {
  it("runs 100 mixed jobs for two tenants, routed by the rules and charged once", async () => {
    const a = await tenantWithKey({ balanceMicros: 200_000_000, floor: HAIKU });
    const b = await tenantWithKey({ balanceMicros: 200_000_000, floor: SONNET });
    const posted = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const owner = i % 2 ? a : b;
        const response = await postJob(owner.key, MIX[i % MIX.length], { "idempotency-key": `mix-${i}` });
        expect(response.status).toBe(202);
        return { owner, id: ((await response.json()) as { run: { id: string } }).run.id };
      }),
    );
    await h.waitForRuns(
      posted.map((p) => p.id),
      60_000,
    );
    for (const { owner, id } of posted) {
      const { status, body } = await getRun(owner.key, id);
      expect(status).toBe(200);
      const run = body.run;
      expect(run.status).toBe("succeeded");
      expect(run.routing.taskComplexity).toBeTruthy();
      expect(run.routing.modelRoutedTo).toBeTruthy();
      expect(run.routing.modelRouteReason).toBeTruthy();
      if (owner === b) expect(run.routing.modelRoutedTo).not.toBe(HAIKU);
      if (owner === a && run.role === "social-post-writer") expect(run.routing.modelRoutedTo).toBe(HAIKU);
      if (run.role === "strategy-writer") expect(run.routing.modelRoutedTo).toBe(OPUS);
      if (run.routing.modelRoutedTo === OPUS) expect(run.lane).toBe("heavy");
      if (owner === a && run.role === "social-post-writer") expect(run.lane).toBe("fast");
    }
    for (const { tenant } of [a, b]) {
      const row = await h.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
      expect(await ledgerSum(h.db, tenant.id)).toBe(Number(row.balanceMicros));
      expect(await h.db.creditLedgerEntry.count({ where: { tenantId: tenant.id, kind: "settlement" } })).toBe(50);
    }
  }, 90_000);

  it("returns the same run for a repeated Idempotency-Key", async () => {
    const { key } = await tenantWithKey({ balanceMicros: 10_000_000 });
    const first = await postJob(key, MIX[0], { "idempotency-key": "same" });
    const second = await postJob(key, MIX[0], { "idempotency-key": "same" });
    expect([first.status, second.status]).toEqual([202, 200]);
    expect(((await second.json()) as RunAnswer).run.id).toBe(((await first.json()) as RunAnswer).run.id);
  });

  it("refuses an Idempotency-Key reused with a different body (422) and keeps the first run", async () => {
    const { tenant, key } = await tenantWithKey({ balanceMicros: 10_000_000 });
    const task = { role: "social-post-writer", topic: "Weekend cupping event", channel: "instagram" };
    const first = await postJob(key, task, { "idempotency-key": "reused" });
    expect(first.status).toBe(202);
    // The same task with its fields in another order is the same request.
    const reordered = { channel: task.channel, topic: task.topic, role: task.role };
    expect((await postJob(key, reordered, { "idempotency-key": "reused" })).status).toBe(200);
    const changed = await postJob(key, { ...task, topic: "Another topic entirely" }, { "idempotency-key": "reused" });
    expect(changed.status).toBe(422);
    const json = (await changed.json()) as ErrorAnswer;
    expect(json.error.code).toBe("idempotency_key_reused");
    expect(json.error.message).toMatch(/different task/);
    const runs = await h.db.agentRun.findMany({ where: { tenantId: tenant.id } });
    expect(runs.map((r) => r.id)).toEqual([((await first.json()) as RunAnswer).run.id]);
  });

  it.each([
    ["invalid JSON", "{not json", 400, "invalid_json"],
    ["an unknown role", { role: "poet", topic: "Odes" }, 400, "invalid_payload"],
    ["a missing topic", { role: "blog-writer" }, 400, "invalid_payload"],
    ["an unknown field", { role: "blog-writer", topic: "x y z", model: "claude-opus-4-7" }, 400, "invalid_payload"],
    [
      "a negative length",
      { role: "blog-writer", topic: "Valid topic", outputLengthTarget: -5 },
      400,
      "invalid_payload",
    ],
    ["an oversize body", { role: "blog-writer", topic: "t".repeat(70_000) }, 413, "payload_too_large"],
  ])("rejects %s with a clear 4xx and creates nothing", async (_name, body, status, code) => {
    const { tenant, key } = await tenantWithKey({ balanceMicros: 1_000_000 });
    const response = await postJob(key, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as ErrorAnswer;
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(10);
    expect(await h.db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it.each([
    ["no key", null],
    ["a wrong key", "sy_test_0000000000000000000000000000"],
  ])("answers 401 for %s", async (_name, key) => {
    const response = await postJob(key, MIX[0]);
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorAnswer).error.code).toBe("unauthorized");
  });

  it("answers 401 for a revoked key and 404 for another tenant's run", async () => {
    const a = await tenantWithKey({ balanceMicros: 5_000_000 });
    const b = await tenantWithKey({ balanceMicros: 5_000_000 });
    const created = (await (await postJob(a.key, MIX[1])).json()) as RunAnswer;
    expect((await getRun(b.key, created.run.id)).status).toBe(404);
    expect((await getRun(b.key, "not-a-uuid")).status).toBe(404);
    await h.db.apiKey.updateMany({ where: { tenantId: a.tenant.id }, data: { revokedAt: new Date() } });
    expect((await postJob(a.key, MIX[1])).status).toBe(401);
  });
});

describe("GET /api/v1/runs/:id: the examples a prompt carried", () => {
  it("shows which approved pieces were chosen, their fit to the brief and what ranked them", async () => {
    const { tenant, config } = await createTestTenant(h.db, { balanceMicros: 10_000_000 });
    const key = await createTestApiKey(h.db, tenant.id);
    const pieces = [
      ["Cold brew, step by step", "Steep coarse coffee in cold water for twelve hours, then strain: cold brew."],
      ["Descaling your espresso machine", "Scale builds up in the boiler; descale the espresso machine monthly."],
    ];
    const runIds = await createTestRuns(h.db, tenant.id, config.id, pieces.length);
    const items = [];
    for (const [i, [title, body]] of pieces.entries()) {
      const item = await h.db.contentItem.create({
        data: {
          tenantId: tenant.id,
          runId: runIds[i]!,
          kind: "blog_post",
          title: title!,
          body: body!,
          status: "approved",
          // Written a day ago, the espresso piece an hour after the cold brew one: it is the newer.
          createdAt: new Date(Date.now() - 24 * 3_600_000 + i * 3_600_000),
        },
      });
      await h.db.review.create({
        data: { contentItemId: item.id, verdict: "approved", createdAt: new Date(Date.now() - 2 * 3_600_000) },
      });
      items.push(item);
    }
    const posted = await postJob(key, {
      role: "blog-writer",
      topic: "Cold brew for the summer",
      outputLengthTarget: 300,
    });
    const { run } = (await posted.json()) as RunAnswer;
    await h.waitForRuns([run.id], 20_000);
    const { body } = await getRun(key, run.id);
    const examples = (body.run as unknown as { promptCache: { examples: Record<string, unknown> } }).promptCache
      .examples;
    expect(examples).toMatchObject({
      mode: "topic_set",
      pool: 2,
      source: { provider: "local", model: "bm25-k1.2-b0.75" },
      // A pool of no more than three is one set, shown whole, oldest first; the espresso piece fits nothing.
      examples: [
        { id: items[0]!.id, title: "Cold brew, step by step" },
        { id: items[1]!.id, title: "Descaling your espresso machine", score: 0 },
      ],
    });
    expect((examples.fit as { chosen: number }).chosen).toBeGreaterThan(0);
  });
});

describe("POST /api/v1/jobs: work that can wait", () => {
  it("refuses a deliverBy in the past or months ahead with a 400, and nothing is queued", async () => {
    const { tenant, key } = await tenantWithKey({ balanceMicros: 10_000_000 });
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    for (const deliverBy of [at(-3600_000), at(10 * 60_000), at(90 * 24 * 3600_000), "next tuesday"]) {
      const response = await postJob(key, { role: "blog-writer", topic: "A deadline", deliverBy });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorAnswer).error.message).toMatch(/deliverBy/);
    }
    expect(await h.db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("waits for a Message Batch, then shows the batch, its status and the discount", async () => {
    const { tenant, key } = await tenantWithKey({ balanceMicros: 10_000_000, floor: SONNET });
    const response = await postJob(key, { role: "blog-writer", topic: "Batch me", urgency: "batch" });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as RunAnswer;
    expect(run.lane).toBe("batch");
    const batches = createSimulatedBatchAdapter({ processingMs: 0 });
    const coordinator = createBatchCoordinator(
      {
        db: h.db,
        sql: h.sql,
        queues: h.queues,
        batchAdapterFor: () => batches,
        adapterFor: () => createSimulatedAdapter({ latencyMs: [0, 0] }),
        examples: new ApprovedExamples(h.db),
        log: () => undefined,
      },
      { maxRequests: 10, maxAgeMs: 0, pollMs: 1, leaseMs: 60_000 },
    );
    const deadline = Date.now() + 15_000;
    let body: { run: RunAnswer["run"] & { batch: Record<string, unknown> } };
    do {
      await coordinator.tick();
      body = (await getRun(key, run.id)).body as typeof body;
      if (Date.now() > deadline) throw new Error(`run still ${body.run.status}`);
    } while (body.run.status !== "succeeded");
    expect(body.run.routing.modelRouteReason).toBe("batch");
    expect(body.run.batch.status).toBe("ended");
    expect(body.run.batch.providerBatchId).toMatch(/^msgbatch_sim_/);
    expect(body.run.batch.savingMicros).toBeGreaterThan(0);
    expect(await ledgerSum(h.db, tenant.id)).toBe(
      Number((await h.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).balanceMicros),
    );
  });
});

describe("GET /api/v1/runs", () => {
  it("pages a tenant's runs newest first by cursor, filters them, and shows no other tenant's", async () => {
    const a = await tenantWithKey({ balanceMicros: 10_000_000 });
    const b = await tenantWithKey({ balanceMicros: 10_000_000 });
    const created: string[] = [];
    for (const [i, task] of MIX.entries()) {
      const answer = (await (await postJob(a.key, { ...task, topic: `${task.topic} ${i}` })).json()) as RunAnswer;
      created.push(answer.run.id);
    }
    await postJob(b.key, MIX[1]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listRuns(a.key, { limit: "2", ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(new Set(created));
    expect(seen).toHaveLength(created.length);

    const blogs = await listRuns(a.key, { role: "blog-writer" });
    expect(blogs.body.data.map((r) => r.role)).toEqual(["blog-writer", "blog-writer"]);
    expect(blogs.body.nextCursor).toBeNull();
    const future = await listRuns(a.key, { since: new Date(Date.now() + 60_000).toISOString() });
    expect(future.body.data).toEqual([]);
    const others = await listRuns(b.key, { limit: "100" });
    expect(others.body.data.map((r) => r.id).filter((id) => created.includes(id))).toEqual([]);
  });

  it.each([
    ["a limit over 100", { limit: "101" }],
    ["an unknown status", { status: "done" }],
    ["a misspelt filter", { roles: "blog-writer" }],
    ["since after until", { since: "2030-01-02T00:00:00Z", until: "2030-01-01T00:00:00Z" }],
    ["a cursor it did not write", { cursor: "bm90LWEtY3Vyc29y" }],
  ])("answers 400 invalid_payload for %s", async (_name, query) => {
    const { key } = await tenantWithKey({ balanceMicros: 1_000_000 });
    const answer = await listRuns(key, query);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_payload");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document of every /api/v1 operation, generated from the zod schemas", async () => {
    const { GET: OPENAPI } = await import("../app/api/v1/openapi.json/route");
    const response = OPENAPI();
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    expect(operations.sort()).toEqual([
      "GET /api/v1/runs listRuns",
      "GET /api/v1/runs/{id} getRun",
      "POST /api/v1/jobs enqueueJob",
      "POST /api/v1/runs/{id}/review reviewRun",
    ]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(["Run", "Error", "RunList"]));
  });
});
