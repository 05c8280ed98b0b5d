import { hashApiKey, isDemoApiKey, type PrismaClient } from "@switchyard/db";
import { ApiKeyRefusedError } from "./api-key-errors";
import { apiKeyState } from "./api-key-state";

/** last_used_at is written at most this often per key: a busy key costs one write a minute, not one a request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ResolveApiKeyOptions {
  /** Demo keys are public: in production they are refused before the database is asked. */
  isProduction: boolean;
  now?: Date;
}

export interface ResolvedApiKey {
  tenantId: string;
  apiKeyId: string;
  /**
   * The last-used write, when this request is the first of its minute: nobody waits for it (it never
   * slows the request, and a failure loses only a timestamp); tests await it. Resolves to whether it wrote.
   */
  lastUsedWrite: Promise<boolean>;
}

/**
 * The tenant a bearer token belongs to, or an ApiKeyRefusedError saying why not. One indexed read by the
 * key's SHA-256 per request; revocation and the end of a rotation's grace period apply from that instant.
 */
export async function resolveApiKey(
  db: PrismaClient,
  token: string | undefined,
  { isProduction, now = new Date() }: ResolveApiKeyOptions,
): Promise<ResolvedApiKey> {
  if (!token) throw new ApiKeyRefusedError("missing");
  if (isProduction && isDemoApiKey(token)) throw new ApiKeyRefusedError("demo_key_in_production");
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(token) },
    select: { id: true, tenantId: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!key) throw new ApiKeyRefusedError("unknown");
  const state = apiKeyState(key, now);
  if (state === "revoked" || state === "expired") throw new ApiKeyRefusedError(state);
  return { tenantId: key.tenantId, apiKeyId: key.id, lastUsedWrite: touchLastUsed(db, key, now) };
}

function touchLastUsed(db: PrismaClient, key: { id: string; lastUsedAt: Date | null }, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (key.lastUsedAt && key.lastUsedAt.getTime() > staleBefore.getTime()) return Promise.resolve(false);
  // Conditional, so when many processes see the same stale value at once, one of them writes.
  return db.apiKey
    .updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    })
    .then(({ count }) => count > 0)
    .catch(() => false);
}
