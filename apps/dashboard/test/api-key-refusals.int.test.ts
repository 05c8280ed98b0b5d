import { randomUUID } from "node:crypto";
import { issueApiKey, revokeApiKey, rotateApiKey } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { expectDocumented } from "./openapi-check";

process.env.QUEUE_PREFIX = `keys-${randomUUID().slice(0, 8)}`;
const { GET: LIST } = await import("../app/api/v1/runs/route");

const db = createPrismaClient();
afterAll(() => db.$disconnect());

interface Answer {
  data?: unknown[];
  error?: { code: string; reason?: string; message: string };
}

/** GET /api/v1/runs with a key, checked against the OpenAPI document. */
async function list(key: string) {
  const response = await LIST(
    new Request("http://localhost/api/v1/runs", { headers: { authorization: `Bearer ${key}` } }),
  );
  await expectDocumented("/api/v1/runs", "get", response);
  return { status: response.status, body: (await response.json()) as Answer };
}

describe("the API and a key's lifecycle", () => {
  it("accepts a rotated key inside its grace period, refuses it after with reason expired", async () => {
    const { tenant } = await createTestTenant(db);
    const actor = { tenantId: tenant.id };
    const inGrace = await issueApiKey(db, actor, { name: "in grace" });
    const rotated = await rotateApiKey(db, actor, { keyId: inGrace.apiKey.id, graceMinutes: 60 });
    expect((await list(inGrace.secret)).status).toBe(200);
    expect((await list(rotated.secret)).status).toBe(200);

    // Time is controlled by when the rotation happened: an hour's grace that began 61 minutes ago is over.
    const past = await issueApiKey(db, actor, { name: "past grace" });
    const rotatedLongAgo = { ...actor, now: new Date(Date.now() - 61 * 60_000) };
    const successor = await rotateApiKey(db, rotatedLongAgo, { keyId: past.apiKey.id, graceMinutes: 60 });
    const refused = await list(past.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "unauthorized", reason: "expired" });
    expect(refused.body.error?.message).toMatch(/grace period has ended/);
    expect((await list(successor.secret)).status).toBe(200);
  });

  it("refuses a revoked key at once, with reason revoked; an unknown key says unknown", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey, secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "revoke me" });
    expect((await list(secret)).status).toBe(200);
    await revokeApiKey(db, { tenantId: tenant.id }, { keyId: apiKey.id });
    const refused = await list(secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "unauthorized", reason: "revoked" });
    expect((await list(`${secret}x`)).body.error).toMatchObject({ code: "unauthorized", reason: "unknown" });
  });
});
