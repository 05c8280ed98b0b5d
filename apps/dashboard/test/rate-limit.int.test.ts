import { randomUUID } from "node:crypto";
import {
  createSimulatedAdapter,
  createTestApiKey,
  createTestTenant,
  type Harness,
  startHarness,
} from "@switchyard/agents/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectDocumented } from "./openapi-check";

const prefix = `rate-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
process.env.API_RATE_LIMIT_PER_MINUTE = "5";
const { GET } = await import("../app/api/v1/runs/route");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }), prefix });
});
afterAll(() => h.close());

async function list(key: string) {
  const response = await GET(
    new Request("http://localhost/api/v1/runs", { headers: { authorization: `Bearer ${key}` } }),
  );
  await expectDocumented("/api/v1/runs", "get", response);
  return response;
}

describe("per-key rate limit", () => {
  it("answers 429 with Retry-After past the key's limit, and counts each key apart", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 1_000_000 });
    const first = await createTestApiKey(h.db, tenant.id);
    const second = await createTestApiKey(h.db, tenant.id);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await list(first)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await list(first);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/more than 5 requests in a minute/);
    expect((await list(second)).status).toBe(200);
  });

  it("never counts a request whose key is wrong (a 401 costs no one's quota)", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 1_000_000 });
    const key = await createTestApiKey(h.db, tenant.id);
    for (let i = 0; i < 10; i++) expect((await list(`${key}x`)).status).toBe(401);
    expect((await list(key)).status).toBe(200);
  });
});
