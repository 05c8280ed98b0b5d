import "server-only";
import { hashApiKey } from "@switchyard/db";
import { db } from "./services";
import { ApiError } from "./api-errors";
import { consumeApiRequest } from "./rate-limit";

/**
 * Resolves `Authorization: Bearer <key>` to its tenant (keys are stored only as SHA-256) and counts
 * the request against the key's rate limit.
 */
export async function authenticateApiKey(request: Request): Promise<{ tenantId: string; apiKeyId: string }> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S{16,200})$/i.exec(header)?.[1];
  if (!token) throw new ApiError("unauthorized", "Send a tenant API key as 'Authorization: Bearer <key>'.");
  const keyHash = hashApiKey(token);
  const key = await db().apiKey.findUnique({
    where: { keyHash },
    select: { id: true, tenantId: true, revokedAt: true },
  });
  if (!key || key.revokedAt) throw new ApiError("unauthorized", "This API key is not valid or has been revoked.");
  await consumeApiRequest(key.id);
  void db()
    .apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
    .catch(() => undefined);
  return { tenantId: key.tenantId, apiKeyId: key.id };
}
