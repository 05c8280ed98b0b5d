/** Where a key is in its life, at a given moment. */
export type ApiKeyState = "active" | "rotating" | "expired" | "revoked";

/** Why the API refused a key; sent as `error.reason` beside the 401's `unauthorized` code. */
export type ApiKeyRefusal = "missing" | "unknown" | "revoked" | "expired" | "demo_key_in_production";

export interface ApiKeyTimes {
  revokedAt: Date | null;
  /** Set on rotation: the end of the grace period. */
  expiresAt: Date | null;
}

/**
 * Revocation wins and is immediate; a rotated key is `rotating` until its grace period ends, `expired` from
 * that instant on (expiresAt itself already refuses, so a grace of 0 stops the old key at once).
 */
export function apiKeyState(key: ApiKeyTimes, now: Date): ApiKeyState {
  if (key.revokedAt) return "revoked";
  if (!key.expiresAt) return "active";
  return key.expiresAt.getTime() > now.getTime() ? "rotating" : "expired";
}

export function isUsable(state: ApiKeyState): boolean {
  return state === "active" || state === "rotating";
}
