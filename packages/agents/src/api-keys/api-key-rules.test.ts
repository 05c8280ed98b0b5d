import { hashApiKey } from "@switchyard/db";
import { describe, expect, it } from "vitest";
import { GraceDurationSchema, MAX_ROTATION_GRACE_MINUTES, RotateApiKeySchema } from "./api-key-schemas";
import { generateApiKeySecret, LIVE_KEY_PREFIX } from "./api-key-secret";
import { apiKeyState } from "./api-key-state";

const NOW = new Date("2026-12-02T12:00:00Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe("apiKeyState", () => {
  it.each([
    ["never rotated or revoked", { revokedAt: null, expiresAt: null }, "active"],
    ["rotated, inside its grace period", { revokedAt: null, expiresAt: at(1) }, "rotating"],
    ["rotated, at the end of its grace period", { revokedAt: null, expiresAt: at(0) }, "expired"],
    ["rotated, after its grace period", { revokedAt: null, expiresAt: at(-1) }, "expired"],
    ["revoked", { revokedAt: at(-1000), expiresAt: null }, "revoked"],
    ["revoked inside a grace period", { revokedAt: at(-1000), expiresAt: at(60_000) }, "revoked"],
  ] as const)("%s: %s", (_name, key, state) => {
    expect(apiKeyState(key, NOW)).toBe(state);
  });
});

describe("generateApiKeySecret", () => {
  it("makes 32 random bytes, shows a prefix and keeps only the hash", () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a.key).not.toBe(b.key);
    expect(a.key.startsWith(LIVE_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(a.key.slice(LIVE_KEY_PREFIX.length), "base64url")).toHaveLength(32);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBeLessThan(a.key.length / 2);
    expect(a.keyHash).toBe(hashApiKey(a.key));
  });
});

describe("rotation grace", () => {
  it.each([
    ["0", 0],
    ["45", 45],
    ["90m", 90],
    ["24h", 1440],
    ["7d", MAX_ROTATION_GRACE_MINUTES],
  ])("reads %s as %d minutes", (text, minutes) => {
    expect(GraceDurationSchema.parse(text)).toBe(minutes);
  });

  it.each(["8d", "-1", "1.5h", "1w", "", "24 hours", "169h"])("refuses %j", (text) => {
    expect(GraceDurationSchema.safeParse(text).success).toBe(false);
  });

  it.each([-1, 1.5, MAX_ROTATION_GRACE_MINUTES + 1, "60", null])("refuses graceMinutes %j", (graceMinutes) => {
    const keyId = "6f1c1d8e-7c1a-4b6e-9a55-0d2f4b1a9c3e";
    expect(RotateApiKeySchema.safeParse({ keyId, graceMinutes }).success).toBe(false);
  });
});
