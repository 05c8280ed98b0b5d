import { randomUUID } from "node:crypto";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "../lib/server/auth";
import { addWebhookEndpointAs, removeWebhookEndpointAs } from "../lib/server/webhook-mutations";
import { loadWebhooks } from "../lib/server/webhooks-view";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

function personOf(tenantId: string, role: "owner" | "editor" | "viewer", isOperator = false): Viewer {
  return {
    id: randomUUID(),
    name: role,
    email: `${role}@example.test`,
    isOperator,
    roles: new Map([[tenantId, role]]),
  };
}

const hook = { url: "https://hooks.example.com/switchyard", events: ["run.succeeded", "run.failed"] };

async function logDelivery(endpointId: string, tenantId: string) {
  return db.webhookDelivery.create({
    data: {
      endpointId,
      tenantId,
      eventId: `evt_${randomUUID()}`,
      eventType: "run.failed",
      payload: "{}",
      status: "retrying",
      attempts: 2,
      lastStatusCode: 503,
      lastError: "HTTP 503: busy",
    },
  });
}

describe("webhook endpoints from the dashboard", () => {
  it("lets an owner add an endpoint (secret shown once), see its delivery log and remove it", async () => {
    const { tenant } = await createTestTenant(db);
    const owner = personOf(tenant.id, "owner");
    const { endpoint, secret } = await addWebhookEndpointAs(owner, { tenantId: tenant.id, ...hook });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await expect(db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).resolves.toMatchObject({
      tenantId: tenant.id,
      secret,
      events: hook.events,
    });
    const delivery = await logDelivery(endpoint.id, tenant.id);

    const [view] = await loadWebhooks(owner);
    expect(view?.canManage).toBe(true);
    expect(view?.endpoints).toMatchObject([
      {
        id: endpoint.id,
        url: hook.url,
        deliveries: [
          { id: delivery.id, status: "retrying", attempts: 2, lastStatusCode: 503, lastError: "HTTP 503: busy" },
        ],
      },
    ]);
    expect(JSON.stringify(view)).not.toContain(secret);

    await removeWebhookEndpointAs(owner, { tenantId: tenant.id, endpointId: endpoint.id });
    expect(await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });

  it.each([
    ["ftp://example.com/x", hook.events],
    ["not a url", hook.events],
    [hook.url, []],
    [hook.url, ["run.exploded"]],
  ])("refuses url %j with events %j", async (url, events) => {
    const { tenant } = await createTestTenant(db);
    const owner = personOf(tenant.id, "owner");
    await expect(addWebhookEndpointAs(owner, { tenantId: tenant.id, url, events })).rejects.toMatchObject({
      code: "invalid_payload",
    });
    expect(await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("lets editors and viewers see endpoints and deliveries but not add or remove them", async () => {
    const { tenant } = await createTestTenant(db);
    const owner = personOf(tenant.id, "owner");
    const { endpoint } = await addWebhookEndpointAs(owner, { tenantId: tenant.id, ...hook });
    for (const role of ["editor", "viewer"] as const) {
      const person = personOf(tenant.id, role);
      await expect(addWebhookEndpointAs(person, { tenantId: tenant.id, ...hook })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(
        removeWebhookEndpointAs(person, { tenantId: tenant.id, endpointId: endpoint.id }),
      ).rejects.toMatchObject({ code: "forbidden" });
      const [view] = await loadWebhooks(person);
      expect(view).toMatchObject({ canManage: false, endpoints: [{ id: endpoint.id }] });
    }
    expect(await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("keeps tenants apart: another tenant or its endpoint is not found, and never listed", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    const me = personOf(mine.id, "owner");
    const them = personOf(theirs.id, "owner");
    const their = await addWebhookEndpointAs(them, { tenantId: theirs.id, ...hook });
    await logDelivery(their.endpoint.id, theirs.id);

    await expect(addWebhookEndpointAs(me, { tenantId: theirs.id, ...hook })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      removeWebhookEndpointAs(me, { tenantId: theirs.id, endpointId: their.endpoint.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    // Their endpoint named under my tenant, where I am an owner: still not found, and still there.
    await expect(
      removeWebhookEndpointAs(me, { tenantId: mine.id, endpointId: their.endpoint.id }),
    ).rejects.toMatchObject({ code: "webhook_endpoint_not_found" });
    expect(await db.webhookEndpoint.count({ where: { id: their.endpoint.id } })).toBe(1);

    const views = await loadWebhooks(me);
    expect(views.map((v) => v.tenant.id)).toEqual([mine.id]);
    expect(JSON.stringify(views)).not.toContain(their.endpoint.id);
  });

  it("lets an operator manage any tenant's endpoints", async () => {
    const { tenant } = await createTestTenant(db);
    const operator: Viewer = {
      id: randomUUID(),
      name: "op",
      email: "op@example.test",
      isOperator: true,
      roles: new Map(),
    };
    const { endpoint } = await addWebhookEndpointAs(operator, { tenantId: tenant.id, ...hook });
    await removeWebhookEndpointAs(operator, { tenantId: tenant.id, endpointId: endpoint.id });
    expect(await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
