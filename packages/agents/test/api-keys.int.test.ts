import { randomUUID } from "node:crypto";
import { createPrismaClient, DEMO_API_KEYS, hashApiKey, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import {
  issueApiKey,
  LAST_USED_RESOLUTION_MS,
  listApiKeys,
  resolveApiKey,
  revokeApiKey,
  rotateApiKey,
} from "../src/api-keys";
import { createTestTenant } from "./fixtures";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

const dev = { isProduction: false };
const minutes = (n: number) => n * 60_000;

async function refusal(token: string, options: { isProduction: boolean; now?: Date } = dev) {
  return resolveApiKey(db, token, options).then(
    () => "accepted",
    (error: unknown) => (error as { reason?: string }).reason ?? String(error),
  );
}

describe("API key lifecycle", () => {
  it("issues a key shown once, stored only as a hash, that authenticates its own tenant", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey, secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "  CI deploys  " });
    expect(apiKey).toMatchObject({ name: "CI deploys", state: "active", lastUsedAt: null, tenantId: tenant.id });
    expect(apiKey).not.toHaveProperty("keyHash");
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(apiKey.prefix.length));
    await expect(resolveApiKey(db, secret, dev)).resolves.toMatchObject({ tenantId: tenant.id, apiKeyId: apiKey.id });
    expect((await listApiKeys(db, tenant.id)).map((k) => k.id)).toEqual([apiKey.id]);
  });

  it.each([{}, { name: "" }, { name: "x".repeat(101) }, { name: "a\u0000b" }, { name: "ok", extra: 1 }])(
    "refuses to issue %j",
    async (input) => {
      const { tenant } = await createTestTenant(db);
      await expect(issueApiKey(db, { tenantId: tenant.id }, input)).rejects.toMatchObject({ code: "invalid_payload" });
      expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(0);
    },
  );

  it("revokes at once, and a second revoke changes nothing", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey, secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "web" });
    const first = await revokeApiKey(db, { tenantId: tenant.id }, { keyId: apiKey.id });
    expect(first).toMatchObject({ isDuplicate: false, apiKey: { state: "revoked" } });
    expect(await refusal(secret)).toBe("revoked");
    const again = await revokeApiKey(db, { tenantId: tenant.id }, { keyId: apiKey.id });
    expect(again.isDuplicate).toBe(true);
    expect(again.apiKey.revokedAt).toEqual(first.apiKey.revokedAt);
  });

  it("keeps a rotated key working inside its grace period and refuses it after", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey: old, secret: oldSecret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "app" });
    const rotatedAt = new Date();
    const rotated = await rotateApiKey(
      db,
      { tenantId: tenant.id, now: rotatedAt },
      { keyId: old.id, graceMinutes: 60 },
    );
    expect(rotated.secret).not.toBe(oldSecret);
    expect(rotated.apiKey).toMatchObject({ name: "app", state: "active" });
    expect(rotated.previous).toMatchObject({ state: "rotating", replacedById: rotated.apiKey.id });
    expect(rotated.previous.expiresAt).toEqual(new Date(rotatedAt.getTime() + minutes(60)));

    const inside = new Date(rotatedAt.getTime() + minutes(59));
    const atEnd = new Date(rotatedAt.getTime() + minutes(60));
    const after = new Date(rotatedAt.getTime() + minutes(61));
    expect(await refusal(oldSecret, { isProduction: false, now: inside })).toBe("accepted");
    expect(await refusal(oldSecret, { isProduction: false, now: atEnd })).toBe("expired");
    expect(await refusal(oldSecret, { isProduction: false, now: after })).toBe("expired");
    expect(await refusal(rotated.secret, { isProduction: false, now: after })).toBe("accepted");
    const states = new Map((await listApiKeys(db, tenant.id, after)).map((k) => [k.id, k.state]));
    expect(states).toEqual(
      new Map([
        [old.id, "expired"],
        [rotated.apiKey.id, "active"],
      ]),
    );
  });

  it("stops the old key at once with a grace of 0, and a key in its grace period can still be revoked", async () => {
    const { tenant } = await createTestTenant(db);
    const a = await issueApiKey(db, { tenantId: tenant.id }, { name: "a" });
    await rotateApiKey(db, { tenantId: tenant.id }, { keyId: a.apiKey.id, graceMinutes: 0 });
    expect(await refusal(a.secret)).toBe("expired");

    const b = await issueApiKey(db, { tenantId: tenant.id }, { name: "b" });
    await rotateApiKey(db, { tenantId: tenant.id }, { keyId: b.apiKey.id, graceMinutes: 24 * 60 });
    expect(await refusal(b.secret)).toBe("accepted");
    await revokeApiKey(db, { tenantId: tenant.id }, { keyId: b.apiKey.id });
    expect(await refusal(b.secret)).toBe("revoked");
  });

  it("rotates a key once: a second or racing rotation, or a revoked key, is refused and issues nothing", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey } = await issueApiKey(db, { tenantId: tenant.id }, { name: "race" });
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => rotateApiKey(db, { tenantId: tenant.id }, { keyId: apiKey.id, graceMinutes: 5 })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected"))
      expect(failed.reason).toMatchObject({ code: "api_key_not_rotatable" });
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(2);

    const { apiKey: revoked } = await issueApiKey(db, { tenantId: tenant.id }, { name: "gone" });
    await revokeApiKey(db, { tenantId: tenant.id }, { keyId: revoked.id });
    await expect(
      rotateApiKey(db, { tenantId: tenant.id }, { keyId: revoked.id, graceMinutes: 5 }),
    ).rejects.toMatchObject({ code: "api_key_not_rotatable" });
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(3);
  });

  it("refuses grace periods out of bounds", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey } = await issueApiKey(db, { tenantId: tenant.id }, { name: "bounds" });
    for (const graceMinutes of [-1, 7 * 24 * 60 + 1, 2.5, "60"])
      await expect(rotateApiKey(db, { tenantId: tenant.id }, { keyId: apiKey.id, graceMinutes })).rejects.toMatchObject(
        { code: "invalid_payload" },
      );
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("never reaches across tenants: another tenant's key is not found and stays as it was", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    const their = await issueApiKey(db, { tenantId: theirs.id }, { name: "theirs" });
    const as = { tenantId: mine.id };
    await expect(revokeApiKey(db, as, { keyId: their.apiKey.id })).rejects.toMatchObject({
      code: "api_key_not_found",
    });
    await expect(rotateApiKey(db, as, { keyId: their.apiKey.id, graceMinutes: 5 })).rejects.toMatchObject({
      code: "api_key_not_found",
    });
    await expect(revokeApiKey(db, as, { keyId: randomUUID() })).rejects.toMatchObject({ code: "api_key_not_found" });
    expect(await listApiKeys(db, mine.id)).toEqual([]);
    expect(await refusal(their.secret)).toBe("accepted");
    expect(await db.apiKey.count({ where: { tenantId: theirs.id } })).toBe(1);
  });

  it("refuses public demo keys in production only, before reading the database", async () => {
    for (const { key } of DEMO_API_KEYS) {
      expect(await refusal(key, { isProduction: true })).toBe("demo_key_in_production");
      expect(await refusal(key, { isProduction: false })).not.toBe("demo_key_in_production");
    }
    expect(await refusal("sy_demo_anything_at_all_123", { isProduction: true })).toBe("demo_key_in_production");
    expect(await refusal("sy_live_notakeyatallnotakeyatall", { isProduction: true })).toBe("unknown");
  });

  it("writes last-used at most once a minute per key", async () => {
    const { tenant } = await createTestTenant(db);
    const { apiKey, secret } = await issueApiKey(db, { tenantId: tenant.id }, { name: "busy" });
    const t0 = new Date(Date.now() - minutes(10));
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    const use = async (now: Date) => (await resolveApiKey(db, secret, { isProduction: false, now })).lastUsedWrite;

    expect(await use(t0)).toBe(true);
    expect(await lastUsed()).toEqual(t0);
    const within = await Promise.all(
      [1, 30_000, LAST_USED_RESOLUTION_MS - 1].map((ms) => use(new Date(t0.getTime() + ms))),
    );
    expect(within).toEqual([false, false, false]);
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    // Many requests at the same moment: one write.
    expect((await Promise.all(Array.from({ length: 8 }, () => use(later)))).filter(Boolean)).toHaveLength(1);
    expect(await lastUsed()).toEqual(later);
  });
});
