import { randomUUID } from "node:crypto";
import { resolveApiKey } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, hashApiKey } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { issueApiKeyAs, revokeApiKeyAs, rotateApiKeyAs } from "../lib/server/api-key-mutations";
import { loadApiKeys } from "../lib/server/api-keys-view";
import type { Viewer } from "../lib/server/auth";

const db = createPrismaClient();
afterAll(() => db.$disconnect());
const dev = { isProduction: false };

/** A signed-in person with one membership (or an operator), stored, since a key records who issued it. */
async function personOf(tenantId: string, role: "owner" | "editor" | "viewer", isOperator = false): Promise<Viewer> {
  const email = `${role}-${randomUUID()}@example.test`;
  const user = await db.user.create({ data: { email, name: role, passwordHash: "x", isOperator } });
  return { id: user.id, name: role, email, isOperator, roles: new Map(isOperator ? [] : [[tenantId, role]]) };
}

describe("API keys from the dashboard", () => {
  it("lets an owner issue, rotate and revoke, and shows each key without its secret", async () => {
    const { tenant } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    const issued = await issueApiKeyAs(owner, { tenantId: tenant.id, name: "web shop" });
    expect(issued.secret).toMatch(/^sy_live_/);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: issued.apiKey.id } });
    expect(row).toMatchObject({ createdById: owner.id, keyHash: hashApiKey(issued.secret), name: "web shop" });

    const rotated = await rotateApiKeyAs(owner, { tenantId: tenant.id, keyId: issued.apiKey.id, graceMinutes: 60 });
    await expect(resolveApiKey(db, issued.secret, dev)).resolves.toMatchObject({ tenantId: tenant.id });
    await expect(resolveApiKey(db, rotated.secret, dev)).resolves.toMatchObject({ tenantId: tenant.id });
    await revokeApiKeyAs(owner, { tenantId: tenant.id, keyId: issued.apiKey.id });
    await expect(resolveApiKey(db, issued.secret, dev)).rejects.toMatchObject({ reason: "revoked" });

    const [view] = await loadApiKeys(owner);
    expect(view?.canManage).toBe(true);
    expect(view?.keys.map((k) => [k.id, k.state])).toEqual([
      [rotated.apiKey.id, "active"],
      [issued.apiKey.id, "revoked"],
    ]);
    const shown = JSON.stringify(view);
    expect(shown).not.toContain(issued.secret);
    expect(shown).not.toContain(rotated.secret);
    expect(shown).not.toContain(row.keyHash);
  });

  it("lets editors and viewers see the keys but not issue, rotate or revoke them", async () => {
    const { tenant } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    const { apiKey, secret } = await issueApiKeyAs(owner, { tenantId: tenant.id, name: "kept" });
    for (const role of ["editor", "viewer"] as const) {
      const person = await personOf(tenant.id, role);
      await expect(issueApiKeyAs(person, { tenantId: tenant.id, name: "mine" })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(
        rotateApiKeyAs(person, { tenantId: tenant.id, keyId: apiKey.id, graceMinutes: 0 }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeApiKeyAs(person, { tenantId: tenant.id, keyId: apiKey.id })).rejects.toMatchObject({
        code: "forbidden",
      });
      const [view] = await loadApiKeys(person);
      expect(view).toMatchObject({ canManage: false, keys: [{ id: apiKey.id, state: "active" }] });
    }
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(1);
    await expect(resolveApiKey(db, secret, dev)).resolves.toMatchObject({ apiKeyId: apiKey.id });
  });

  it("keeps every tenant's keys apart: another tenant, or its key, is not found, and never listed", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    const me = await personOf(mine.id, "owner");
    const them = await personOf(theirs.id, "owner");
    const their = await issueApiKeyAs(them, { tenantId: theirs.id, name: "theirs" });

    await expect(issueApiKeyAs(me, { tenantId: theirs.id, name: "sneaky" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(revokeApiKeyAs(me, { tenantId: theirs.id, keyId: their.apiKey.id })).rejects.toMatchObject({
      code: "not_found",
    });
    // My own tenant, their key: the key is not found in mine.
    await expect(revokeApiKeyAs(me, { tenantId: mine.id, keyId: their.apiKey.id })).rejects.toMatchObject({
      code: "api_key_not_found",
    });
    await expect(
      rotateApiKeyAs(me, { tenantId: mine.id, keyId: their.apiKey.id, graceMinutes: 0 }),
    ).rejects.toMatchObject({ code: "api_key_not_found" });
    await expect(issueApiKeyAs(me, { tenantId: "not-a-uuid", name: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await loadApiKeys(me)).map((v) => v.tenant.id)).toEqual([mine.id]);
    expect(await db.apiKey.count({ where: { tenantId: { in: [mine.id, theirs.id] } } })).toBe(1);
    await expect(resolveApiKey(db, their.secret, dev)).resolves.toMatchObject({ tenantId: theirs.id });
  });

  it("lets an operator manage any tenant's keys, as an owner", async () => {
    const { tenant } = await createTestTenant(db);
    const operator = await personOf(tenant.id, "viewer", true);
    const { apiKey } = await issueApiKeyAs(operator, { tenantId: tenant.id, name: "ops" });
    await expect(revokeApiKeyAs(operator, { tenantId: tenant.id, keyId: apiKey.id })).resolves.toMatchObject({
      isDuplicate: false,
    });
    expect((await loadApiKeys(operator)).find((v) => v.tenant.id === tenant.id)?.canManage).toBe(true);
  });

  it.each([
    [{ name: "" }, /name/],
    [{ name: "x".repeat(101) }, /name/],
    [{ name: 42 }, /name/],
  ])("refuses to issue %j", async (input, message) => {
    const { tenant } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    await expect(issueApiKeyAs(owner, { tenantId: tenant.id, ...input })).rejects.toThrow(message);
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it.each([Number.NaN, -5, 7 * 24 * 60 + 1, undefined])("refuses a grace of %s minutes", async (graceMinutes) => {
    const { tenant } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    const { apiKey } = await issueApiKeyAs(owner, { tenantId: tenant.id, name: "bounded" });
    await expect(rotateApiKeyAs(owner, { tenantId: tenant.id, keyId: apiKey.id, graceMinutes })).rejects.toThrow(
      /graceMinutes/,
    );
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(1);
  });
});
