import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (Stripe's scheme). */
export const SIGNATURE_HEADER = "Switchyard-Signature";
/** How old a signature may be when verified, by default: five minutes, as Stripe's libraries use. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new endpoint's signing secret: 32 random bytes, hex, with a prefix that says what it is. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureVerdict =
  | { isValid: true; timestamp: number }
  | { isValid: false; reason: "malformed_header" | "stale_timestamp" | "no_matching_signature" };

/**
 * Checks a delivery's signature header against its raw body: the timestamp within `toleranceSeconds` of now
 * (either side, so a replay of an old delivery fails) and any v1 signature equal in constant time. Verify the
 * body exactly as received, before parsing it.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignatureVerdict {
  const parts = (header ?? "").split(",").map((part) => part.trim().split("="));
  const timestamps = parts.filter(([key]) => key === "t").map(([, value]) => Number(value));
  const signatures = parts.filter(([key, value]) => key === "v1" && value).map(([, value]) => value as string);
  const timestamp = timestamps[0];
  if (timestamps.length !== 1 || timestamp === undefined || !Number.isSafeInteger(timestamp) || !signatures.length) {
    return { isValid: false, reason: "malformed_header" };
  }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { isValid: false, reason: "stale_timestamp" };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  const isMatch = signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return isMatch ? { isValid: true, timestamp } : { isValid: false, reason: "no_matching_signature" };
}
