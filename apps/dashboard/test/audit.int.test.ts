import { randomUUID } from "node:crypto";
import { createTestTenant } from "@switchyard/agents/testing";
import { issueApiKey } from "@switchyard/agents";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { issueApiKeyAs, revokeApiKeyAs, rotateApiKeyAs } from "../lib/server/api-key-mutations";
import { loadAuditLog } from "../lib/server/audit-view";
import type { Viewer } from "../lib/server/auth";
import { grantAs, setSpendCapsAs, updateConfigAs, updateRoutingOverridesAs } from "../lib/server/mutations";
import { addWebhookEndpointAs, removeWebhookEndpointAs } from "../lib/server/webhook-mutations";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const viewerOf = (tenantId: string, role: "owner" | "editor" | "viewer", isOperator = false): Viewer => ({
  id: randomUUID(),
  name: role,
  email: `${role}-${randomUUID().slice(0, 6)}@example.test`,
  isOperator,
  roles: new Map([[tenantId, role]]),
});

/** A person who exists (an API key names who issued it). */
async function personOf(tenantId: string, role: "owner" | "editor" | "viewer", isOperator = false) {
  const viewer = viewerOf(tenantId, role, isOperator);
  await db.user.create({ data: { id: viewer.id, email: viewer.email, name: role, passwordHash: "x", isOperator } });
  return viewer;
}

const eventsOf = (tenantId: string) => db.auditEvent.findMany({ where: { tenantId }, orderBy: { id: "asc" } });

describe("the audit log", () => {
  it("records who changed caps, a floor and the routing table, with the state before and after", async () => {
    const { tenant, config } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    await setSpendCapsAs(owner, { tenantId: tenant.id, dailyCapUsd: 5, monthlyCapUsd: null });
    await updateConfigAs(owner, { configId: config.id, model: "claude-sonnet-4-6", adapter: "auto", isEnabled: true });
    const table = { "blog-writer": { standard: "claude-haiku-4-5-20251001" } };
    await updateRoutingOverridesAs(owner, { tenantId: tenant.id, routingOverrides: table });
    const events = await eventsOf(tenant.id);
    expect(events.map((e) => [e.action, e.actor, e.actorUserId])).toEqual([
      ["tenant.spend_caps", owner.email, owner.id],
      ["agent_config.update", owner.email, owner.id],
      ["tenant.routing_overrides", owner.email, owner.id],
    ]);
    expect(events[0]).toMatchObject({
      target: `tenant:${tenant.id}`,
      before: { dailyCapMicros: null, monthlyCapMicros: null },
      after: { dailyCapMicros: 5_000_000, monthlyCapMicros: null },
    });
    expect(events[1]).toMatchObject({
      target: `agent_config:${config.id} (${config.role})`,
      before: { model: "claude-haiku-4-5-20251001" },
      after: { model: "claude-sonnet-4-6" },
    });
    expect(events[2]).toMatchObject({ before: { routingOverrides: {} }, after: { routingOverrides: table } });
  });

  it("records nothing for a change that was refused or changed nothing", async () => {
    const { tenant } = await createTestTenant(db);
    const editor = await personOf(tenant.id, "editor");
    await expect(setSpendCapsAs(editor, { tenantId: tenant.id, dailyCapUsd: 5 })).rejects.toThrow();
    const owner = await personOf(tenant.id, "owner");
    await expect(
      setSpendCapsAs(owner, { tenantId: tenant.id, dailyCapUsd: -1, monthlyCapUsd: null }),
    ).rejects.toThrow();
    await setSpendCapsAs(owner, { tenantId: tenant.id, dailyCapUsd: null, monthlyCapUsd: null });
    expect(await eventsOf(tenant.id)).toEqual([]);
  });

  it("records grants, keys and webhook endpoints, and never a key, its hash or a signing secret", async () => {
    const { tenant } = await createTestTenant(db);
    const operator = await personOf(tenant.id, "viewer", true);
    await grantAs(operator, { tenantId: tenant.id, usd: 2.5, idempotencyKey: `audit-${randomUUID()}` });
    const owner = await personOf(tenant.id, "owner");
    const issued = await issueApiKeyAs(owner, { tenantId: tenant.id, name: "shop" });
    const rotated = await rotateApiKeyAs(owner, { tenantId: tenant.id, keyId: issued.apiKey.id, graceMinutes: 60 });
    await revokeApiKeyAs(owner, { tenantId: tenant.id, keyId: rotated.apiKey.id });
    const cli = await issueApiKey(db, { tenantId: tenant.id }, { name: "from the cli" });
    const hook = await addWebhookEndpointAs(owner, {
      tenantId: tenant.id,
      url: "https://hooks.example.com/a",
      events: ["run.failed"],
    });
    await removeWebhookEndpointAs(owner, { tenantId: tenant.id, endpointId: hook.endpoint.id });

    const events = await eventsOf(tenant.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["credits.grant", operator.email],
      ["api_key.issue", owner.email],
      ["api_key.rotate", owner.email],
      ["api_key.revoke", owner.email],
      ["api_key.issue", "cli"],
      ["webhook_endpoint.add", owner.email],
      ["webhook_endpoint.remove", owner.email],
    ]);
    expect(events[0]).toMatchObject({ before: { balanceMicros: 0 }, after: { balanceMicros: 2_500_000 } });
    expect(events[2]).toMatchObject({
      target: `api_key:${issued.apiKey.id}`,
      before: { state: "active", replacedById: null },
      after: { state: "rotating", replacedById: rotated.apiKey.id, successor: { id: rotated.apiKey.id } },
    });
    expect(events[3]).toMatchObject({ before: { state: "active" }, after: { state: "revoked" } });
    const logged = JSON.stringify(events.map((e) => [e.before, e.after]));
    const hashes = await db.apiKey.findMany({ where: { tenantId: tenant.id }, select: { keyHash: true } });
    for (const secret of [issued.secret, rotated.secret, cli.secret, hook.secret, ...hashes.map((h) => h.keyHash)]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("shows owners their tenants' changes, operators all, editors and viewers none, newest first", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    const owner = await personOf(mine.id, "owner");
    const theirOwner = await personOf(theirs.id, "owner");
    for (const usd of [1, 2, 3])
      await setSpendCapsAs(owner, { tenantId: mine.id, dailyCapUsd: usd, monthlyCapUsd: null });
    await setSpendCapsAs(theirOwner, { tenantId: theirs.id, dailyCapUsd: 9, monthlyCapUsd: null });

    const seen = await loadAuditLog(owner, {});
    expect(seen?.events.map((e) => [e.tenantId, (e.after as { dailyCapMicros: number }).dailyCapMicros])).toEqual([
      [mine.id, 3_000_000],
      [mine.id, 2_000_000],
      [mine.id, 1_000_000],
    ]);
    expect(await loadAuditLog(viewerOf(mine.id, "editor"), {})).toBeUndefined();
    expect(await loadAuditLog(viewerOf(mine.id, "viewer"), {})).toBeUndefined();
    const operator = viewerOf(mine.id, "viewer", true);
    const all = (await loadAuditLog(operator, {}))?.events.map((e) => e.tenantId) ?? [];
    expect(all).toContain(theirs.id);
    expect(all).toContain(mine.id);
  });
});
