import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  auditTenants,
  createTestApiKey,
  createTestTenant,
  type FakeAnthropic,
  HOSTILE_STRINGS,
  recordScenario,
  scale,
  startFakeAnthropic,
  startWorkerProcess,
  waitForRuns,
} from "@switchyard/agents/testing";
import { TaskInputSchema } from "@switchyard/agents";
import { createPrismaClient, hashPassword } from "@switchyard/db";
import fc from "fast-check";
import { sealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard } from "./browser-harness";

/** Served dashboard + a real worker process: hostile HTTP input, tenant isolation, secrets. */
const FUZZ_REQUESTS = scale(400, 3000);
/** Header values must be bytes, so the hostile ones here are ASCII. */
const BAD_IDEMPOTENCY_KEYS = [
  "'; DROP TABLE agent_runs; --",
  "../../etc/passwd",
  "x".repeat(300),
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
];
const ANTHROPIC_CANARY = `sk-ant-canary-${randomUUID()}`;
const db = createPrismaClient();
const prefix = `rel-http-${randomUUID().slice(0, 8)}`;
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let fake: FakeAnthropic;
let worker: ChildProcess;
const workerOutput: string[] = [];
const workerStdout: string[] = [];
const bodiesSeen: string[] = [];

interface TenantFixture {
  id: string;
  name: string;
  key: string;
  userId: string;
}

async function tenantWithOwner(adapter: string): Promise<TenantFixture> {
  const { tenant } = await createTestTenant(db, { balanceMicros: 100_000_000, adapter });
  const key = await createTestApiKey(db, tenant.id);
  const user = await db.user.create({
    data: {
      email: `owner-${randomUUID().slice(0, 8)}@example.test`,
      name: "Owner",
      passwordHash: await hashPassword("unused-password"),
      memberships: { create: { tenantId: tenant.id, role: "owner" } },
    },
  });
  return { id: tenant.id, name: tenant.name, key, userId: user.id };
}

async function request(path: string, init: RequestInit & { key?: string; cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  if (init.cookie) headers.set("cookie", `switchyard_session=${init.cookie}`);
  const response = await fetch(`${dashboard.url}${path}`, { ...init, headers, redirect: "manual" });
  const body = await response.text();
  bodiesSeen.push(body);
  return { status: response.status, location: response.headers.get("location") ?? "", body };
}

/** JSON.stringify as it behaves: undefined for undefined (or a function), which its declared type leaves out. */
function jsonOf(value: unknown): string | undefined {
  return JSON.stringify(value);
}

const session = (userId: string, issuedAt = Date.now()) =>
  sealData({ userId, issuedAt }, { password: dashboard.sessionSecret, ttl: 8 * 3600 });

beforeAll(async () => {
  fake = await startFakeAnthropic();
  fake.setDefault({ kind: "error", status: 401 });
  // The fuzz sends thousands of requests on one key within a minute: the per-key rate limit (tested
  // in rate-limit.int.test.ts) would answer most of them 429 before their bodies are read.
  dashboard = await startDashboard(prefix, { ANTHROPIC_API_KEY: ANTHROPIC_CANARY, API_RATE_LIMIT_PER_MINUTE: "0" });
  worker = startWorkerProcess(
    prefix,
    [0, 5],
    { ANTHROPIC_API_KEY: ANTHROPIC_CANARY, ANTHROPIC_BASE_URL: fake.baseURL },
    "pipe",
  );
  worker.stdout?.on("data", (c: Buffer) => {
    workerOutput.push(c.toString("utf8"));
    workerStdout.push(c.toString("utf8"));
  });
  worker.stderr?.on("data", (c: Buffer) => workerOutput.push(c.toString("utf8")));
}, 120_000);

afterAll(async () => {
  // A beforeAll that failed part-way leaves the later of these unset.
  const started: { worker?: ChildProcess; dashboard?: typeof dashboard; fake?: FakeAnthropic } = {
    worker,
    dashboard,
    fake,
  };
  started.worker?.kill("SIGTERM");
  await started.dashboard?.stop();
  await started.fake?.close();
  await db.$disconnect();
});

describe("reliability: hostile HTTP input", () => {
  it(`answers ${FUZZ_REQUESTS} bad requests with clear 4xx, never a 500, creating or charging nothing`, async () => {
    const tenant = await tenantWithOwner("simulated");
    const valid = { role: "social-post-writer", topic: "A valid caption topic" };
    const fieldNames = [
      "role",
      "topic",
      "brief",
      "outputLengthTarget",
      "requiresReasoning",
      "audience",
      "tone",
      "keywords",
      "channel",
      "callToAction",
      "__proto__",
      "constructor",
      "model",
    ];
    const mutated = fc
      .record({
        field: fc.constantFrom(...fieldNames),
        value: fc.oneof(fc.anything(), fc.constantFrom(...HOSTILE_STRINGS)),
      })
      .map(({ field, value }) => {
        const body: Record<string, unknown> = { ...valid };
        Object.defineProperty(body, field, { value, enumerable: true, configurable: true, writable: true });
        return JSON.stringify(body);
      });
    const bodies = fc.sample(
      fc.oneof(
        mutated,
        fc.anything().map((v) => jsonOf(v) ?? "undefined"),
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.constantFrom(
          '{"role":',
          "{}",
          "[]",
          "null",
          '{"__proto__":{"polluted":1},"role":"blog-writer","topic":"abc"}',
          JSON.stringify({ ...valid, topic: "t".repeat(70_000) }),
        ),
      ),
      FUZZ_REQUESTS,
    );
    const statuses = new Map<number, number>();
    let accepted = 0;
    let shouldHaveRejected = 0;
    let shouldHaveAccepted = 0;
    let unclear = 0;
    for (const [i, body] of bodies.entries()) {
      const headers: Record<string, string> = { "content-type": i % 50 === 7 ? "text/plain" : "application/json" };
      if (i % 40 === 3) headers["idempotency-key"] = BAD_IDEMPOTENCY_KEYS[i % BAD_IDEMPOTENCY_KEYS.length]!;
      const response = await request("/api/v1/jobs", { method: "POST", key: tenant.key, headers, body });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      const isValid =
        headers["content-type"] === "application/json" &&
        !headers["idempotency-key"] &&
        Buffer.byteLength(body) <= 64 * 1024 &&
        TaskInputSchema.safeParse(parsed).success;
      if (response.status === 202 || response.status === 200) {
        accepted++;
        if (!isValid) shouldHaveRejected++;
      } else {
        if (isValid && !headers["idempotency-key"]) shouldHaveAccepted++;
        const error = (JSON.parse(response.body) as { error?: { code?: string; message?: string } }).error;
        if (!error?.code || !error.message || response.status < 400 || response.status >= 500) unclear++;
      }
    }
    const runs = await db.agentRun.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
    await waitForRuns(
      db,
      runs.map((r) => r.id),
      60_000,
    );
    const audit = await auditTenants(db, [tenant.id]);
    const reservations = await db.creditLedgerEntry.count({ where: { tenantId: tenant.id, kind: "reservation" } });
    const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    recordScenario("5b hostile HTTP input", {
      tried: { requests: bodies.length, endpoint: "POST /api/v1/jobs" },
      found: {
        ...Object.fromEntries([...statuses].sort().map(([s, c]) => [`http${s}`, c])),
        acceptedValidInput: accepted,
        ...audit.found,
      },
      lost: {
        serverErrors,
        errorsWithoutCodeAndMessage: unclear,
        acceptedInvalidInput: shouldHaveRejected,
        rejectedValidInput: shouldHaveAccepted,
        runsNotFromAcceptedRequests: Math.max(0, runs.length - accepted),
        chargesBeyondAcceptedRuns: Math.max(0, reservations - runs.length),
        ...audit.lost,
      },
    });
    expect(serverErrors).toBe(0);
    expect(unclear).toBe(0);
    expect(shouldHaveRejected).toBe(0);
    expect(runs.length).toBeLessThanOrEqual(accepted);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(bodies.length / 2);
    expect(
      Object.values(audit.lost).every((v) => v === 0),
      JSON.stringify(audit.lost),
    ).toBe(true);
  }, 600_000);
});

describe("reliability: tenant isolation, sessions and secrets", () => {
  it("refuses the wrong tenant, no, expired or tampered sessions and revoked keys, and leaks no secret", async () => {
    const a = await tenantWithOwner("anthropic");
    const b = await tenantWithOwner("simulated");
    const posted = async (t: TenantFixture, topic: string) => {
      const body = JSON.stringify({ role: "email-writer", topic });
      const headers = { "content-type": "application/json" };
      const answer = await request("/api/v1/jobs", { method: "POST", key: t.key, headers, body });
      return (JSON.parse(answer.body) as { run: { id: string } }).run.id;
    };
    const runA = await posted(a, "Tenant A welcome email");
    const runB = await posted(b, "Tenant B welcome email");
    await waitForRuns(db, [runA, runB], 60_000);
    const revokedKey = await createTestApiKey(db, a.id, { revoked: true });

    const pages = [
      "/agents?tab=runs",
      "/agents?tab=analytics",
      "/agents?tab=queues",
      "/agents?tab=config",
      "/content",
      "/credits",
      "/enqueue",
      `/runs/${runA}`,
    ];
    const badSessions: [string, string | undefined][] = [
      ["no session", undefined],
      ["tampered session", (await session(a.userId)).replace(/.(?=.{10}$)/, (c) => (c === "a" ? "b" : "a"))],
      ["expired session", await session(a.userId, Date.now() - 9 * 3600 * 1000)],
      ["session from the future", await session(a.userId, Date.now() + 3600 * 1000)],
      ["session of a deleted user", await session(randomUUID())],
      ["garbage cookie", "Fe26.2**garbage"],
    ];
    let checks = 0;
    const admitted: string[] = [];
    for (const [name, cookie] of badSessions) {
      for (const page of pages) {
        const r = await request(page, { cookie });
        checks++;
        if (!(r.status >= 300 && r.status < 400 && r.location.includes("/sign-in")))
          admitted.push(`${name} ${page} → ${r.status}`);
      }
    }
    const ownerA = await session(a.userId);
    const crossTenant = [
      `/runs/${runB}`,
      `/agents?tab=runs&tenant=${b.id}`,
      `/agents?tab=analytics&tenant=${b.id}`,
      `/agents?tab=queues&tenant=${b.id}`,
      `/agents?tab=config&tenant=${b.id}`,
      `/content?tenant=${b.id}`,
      `/credits?tenant=${b.id}`,
    ];
    const leakedAcross: string[] = [];
    for (const page of crossTenant) {
      const r = await request(page, { cookie: ownerA });
      checks++;
      // A 404 page echoes the path it was asked for, so B's run id counts as leaked only elsewhere.
      const isRunPage = page.startsWith("/runs/");
      const leaked =
        r.body.includes(b.name) ||
        r.body.includes("Tenant B welcome email") ||
        (!isRunPage && r.body.includes(runB)) ||
        (isRunPage && r.status !== 404);
      if (leaked) leakedAcross.push(`${page} → ${r.status}`);
    }
    // The control: the same session sees its own tenant, so the check above can fail.
    const own = await request(`/agents?tab=runs&tenant=${a.id}`, { cookie: ownerA });
    expect(own.body).toContain(a.name);

    const api: [string, Promise<{ status: number }>, number][] = [
      ["another tenant's run", request(`/api/v1/runs/${runB}`, { key: a.key }), 404],
      ["no key", request(`/api/v1/runs/${runA}`), 401],
      ["a malformed header", request(`/api/v1/runs/${runA}`, { headers: { authorization: "Basic abc" } }), 401],
      ["a revoked key, read", request(`/api/v1/runs/${runA}`, { key: revokedKey }), 401],
      [
        "a revoked key, enqueue",
        request("/api/v1/jobs", {
          method: "POST",
          key: revokedKey,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ role: "email-writer", topic: "Should not run" }),
        }),
        401,
      ],
    ];
    const reviewCall = (runId: string, key: string) =>
      request(`/api/v1/runs/${runId}/review`, {
        method: "POST",
        key,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision: "reject", score: 1, feedback: "Should never be recorded." }),
      });
    api.push(
      ["another tenant's run, review", reviewCall(runB, a.key), 404],
      ["an unknown run, review", reviewCall(randomUUID(), a.key), 404],
      ["a revoked key, review", reviewCall(runA, revokedKey), 401],
    );
    const apiAdmitted: string[] = [];
    for (const [name, pending, expected] of api) {
      const { status } = await pending;
      checks++;
      if (status !== expected) apiAdmitted.push(`${name} → ${status}`);
    }

    const reviewsOfB = await db.review.count({ where: { contentItem: { runId: runB } } });
    if (reviewsOfB > 0) apiAdmitted.push(`tenant A reviewed tenant B's run ${String(reviewsOfB)} times`);

    // Tenant A's calls went to the (fake) Anthropic API with the canary key and were refused (401).
    const failedA = await db.agentRun.findUniqueOrThrow({ where: { id: runA } });
    expect(failedA.status).toBe("failed");
    const runPage = await request(`/runs/${runA}`, { cookie: ownerA });
    expect(runPage.body).toContain("401");
    expect(fake.requests.some((r) => JSON.stringify(r.headers).includes(ANTHROPIC_CANARY))).toBe(true);
    const secrets = {
      anthropicKey: ANTHROPIC_CANARY,
      apiKeyA: a.key,
      apiKeyB: b.key,
      revokedKey,
      sessionSecret: dashboard.sessionSecret,
    };
    const places = {
      "dashboard logs": dashboard.output(),
      "worker logs": workerOutput.join(""),
      "responses and pages": bodiesSeen.join("\n"),
      "run errors": JSON.stringify(
        await db.agentRun.findMany({ where: { tenantId: { in: [a.id, b.id] } }, select: { error: true } }),
      ),
    };
    const structured = checkStructuredLogs(workerStdout.join(""), dashboard.output(), { tenantId: a.id, runId: runA });
    const leaks = Object.entries(secrets).flatMap(([secret, value]) =>
      Object.entries(places)
        .filter(([, text]) => text.includes(value))
        .map(([place]) => `${secret} in ${place}`),
    );
    recordScenario("6 tenant isolation, auth and secrets", {
      tried: {
        checks,
        pages: pages.length,
        badSessionKinds: badSessions.length,
        crossTenantPages: crossTenant.length,
        apiChecks: api.length,
        secretsWatched: Object.keys(secrets).length,
        responsesScanned: bodiesSeen.length,
      },
      found: { runOfTenantA: failedA.status, workerLogLines: workerOutput.join("").split("\n").length },
      lost: {
        admittedWithoutValidSession: admitted.length,
        crossTenantLeaks: leakedAcross.length,
        apiAdmitted: apiAdmitted.length,
        secretLeaks: leaks.length,
        unstructuredWorkerLines: structured.unparsed.length,
      },
    });
    expect(admitted).toEqual([]);
    expect(leakedAcross).toEqual([]);
    expect(apiAdmitted).toEqual([]);
    expect(leaks).toEqual([]);
    expect(structured.unparsed).toEqual([]);
    expect(structured.workerLinesOfRun).toContainEqual(
      expect.objectContaining({ tenantId: a.id, runId: runA, lane: "fast", attempt: 1, outcome: "failed" }),
    );
    expect(structured.dashboardLinesOfRun).toContainEqual(expect.objectContaining({ tenantId: a.id, runId: runA }));
  }, 300_000);
});

/**
 * The worker's standard output is JSON lines only (pino, NODE_ENV=production); the dashboard's pino lines sit
 * among Next's own. Returns what did not parse, and the lines that name the given run.
 */
function checkStructuredLogs(workerText: string, dashboardText: string, ids: { tenantId: string; runId: string }) {
  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const workerLines = workerText.split("\n").filter((line) => line.trim() !== "");
  const unparsed = workerLines.filter((line) => parse(line) === undefined);
  const ofRun = (line: Record<string, unknown> | undefined) =>
    line !== undefined && line.tenantId === ids.tenantId && line.runId === ids.runId;
  const dashboardLines = dashboardText.split("\n").filter((line) => line.startsWith("{"));
  return {
    unparsed,
    workerLinesOfRun: workerLines.map(parse).filter(ofRun),
    dashboardLinesOfRun: dashboardLines.map(parse).filter(ofRun),
  };
}
