import { randomBytes } from "node:crypto";
import { hashApiKey } from "@switchyard/db";

/** Every key the platform issues starts so; the seed's demo keys start `sy_demo_`, tests' `sy_test_`. */
export const LIVE_KEY_PREFIX = "sy_live_";

/** How much of a key the dashboard and CLI show: the marker and 8 of its 43 random characters (48 of 256 bits). */
export const SHOWN_PREFIX_LENGTH = LIVE_KEY_PREFIX.length + 8;

export interface NewApiKeySecret {
  /** The whole key: shown once, never stored. */
  key: string;
  prefix: string;
  keyHash: string;
}

/** 32 random bytes from the OS CSPRNG, base64url: `sy_live_` + 43 characters. */
export function generateApiKeySecret(): NewApiKeySecret {
  const key = `${LIVE_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}
