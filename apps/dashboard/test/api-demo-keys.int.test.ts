import { createTestApiKey, createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, DEMO_API_KEYS } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { expectDocumented } from "./openapi-check";

// The API reads NODE_ENV once, on its first request: this file's routes run as production's do.
(process.env as Record<string, string>).NODE_ENV = "production";
const { GET: LIST } = await import("../app/api/v1/runs/route");
const { POST } = await import("../app/api/v1/jobs/route");

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("the API in production", () => {
  it.each(DEMO_API_KEYS.map((d) => d.key))("refuses the public demo key %s with a 401 that says why", async (key) => {
    const response = await LIST(
      new Request("http://localhost/api/v1/runs", { headers: { authorization: `Bearer ${key}` } }),
    );
    await expectDocumented("/api/v1/runs", "get", response);
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: { code: string; reason: string; message: string } };
    expect(error).toMatchObject({ code: "unauthorized", reason: "demo_key_in_production" });
    expect(error.message).toMatch(/pnpm sy key issue/);
  });

  it("refuses a demo key on enqueue too, and still serves a real key", async () => {
    const { tenant } = await createTestTenant(db);
    const post = (key: string) =>
      POST(
        new Request("http://localhost/api/v1/jobs", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ role: "blog-writer", topic: "Demo keys in production" }),
        }),
      );
    const refused = await post("sy_demo_acme_coffee_0000000000000000");
    await expectDocumented("/api/v1/jobs", "post", refused);
    expect(refused.status).toBe(401);
    const real = await LIST(
      new Request("http://localhost/api/v1/runs", {
        headers: { authorization: `Bearer ${await createTestApiKey(db, tenant.id)}` },
      }),
    );
    expect(real.status).toBe(200);
    expect(await db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
