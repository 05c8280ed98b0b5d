import "server-only";
import { resolveApiKey } from "@switchyard/agents";
import { apiEnv } from "./env";
import { consumeApiRequest } from "./rate-limit";
import { db } from "./services";

/**
 * Resolves `Authorization: Bearer <key>` to its tenant (keys are stored only as SHA-256; revoked keys, rotated
 * keys past their grace period and, in production, the public demo keys are refused with a 401 naming the
 * reason) and counts the request against the key's rate limit.
 */
export async function authenticateApiKey(request: Request): Promise<{ tenantId: string; apiKeyId: string }> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S{16,200})$/i.exec(header)?.[1];
  const { tenantId, apiKeyId } = await resolveApiKey(db(), token, {
    isProduction: apiEnv().NODE_ENV === "production",
  });
  await consumeApiRequest(apiKeyId);
  return { tenantId, apiKeyId };
}
