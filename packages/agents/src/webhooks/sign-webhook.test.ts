import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookPayload, verifyWebhookSignature } from "./sign-webhook";

const secret = "whsec_" + "ab".repeat(32);
const body = JSON.stringify({ id: "evt_1", type: "run.succeeded", data: { runId: "r" } });
const now = 1_790_000_000;

describe("webhook signatures", () => {
  it("signs as t=<unix>,v1=<hex HMAC-SHA256 of t.body>", () => {
    const header = signWebhookPayload(secret, body, now);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    // Pinned against an independent HMAC so a change of scheme cannot pass unnoticed.
    expect(signWebhookPayload("key", "{}", 1)).toBe(
      "t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224",
    );
  });

  it("verifies its own signature within the tolerance", () => {
    const header = signWebhookPayload(secret, body, now);
    expect(verifyWebhookSignature(secret, header, body, 300, now + 299)).toEqual({ isValid: true, timestamp: now });
  });

  it.each([
    ["a tampered body", secret, body.replace("succeeded", "failed"), now, "no_matching_signature"],
    ["a wrong secret", generateWebhookSecret(), body, now, "no_matching_signature"],
    ["a stale timestamp", secret, body, now + 301, "stale_timestamp"],
    ["a timestamp from the future", secret, body, now - 301, "stale_timestamp"],
  ])("refuses %s", (_name, key, received, verifiedAt, reason) => {
    const header = signWebhookPayload(secret, body, now);
    expect(verifyWebhookSignature(key, header, received, 300, verifiedAt)).toEqual({ isValid: false, reason });
  });

  it.each([undefined, "", "v1=abc", "t=abc,v1=00", "t=1,t=2,v1=00", `t=${now}`])(
    "refuses a malformed header %j",
    (header) => {
      expect(verifyWebhookSignature(secret, header, body, 300, now)).toEqual({
        isValid: false,
        reason: "malformed_header",
      });
    },
  );

  it("accepts any matching v1 among several (a secret being rolled)", () => {
    const good = signWebhookPayload(secret, body, now).split(",")[1];
    const header = `t=${now},v1=${"0".repeat(64)},${good}`;
    expect(verifyWebhookSignature(secret, header, body, 300, now).isValid).toBe(true);
  });

  it("makes secrets of 32 random bytes, never the same twice", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
