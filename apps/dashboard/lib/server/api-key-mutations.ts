import "server-only";
import { issueApiKey, revokeApiKey, rotateApiKey } from "@switchyard/agents";
import { z } from "zod";
import { canAccess, type Viewer } from "./auth";
import { ForbiddenError, NotFoundError } from "./mutations";
import { db } from "./services";

/**
 * A key opens the tenant's API (its credits, its content): only owners, and operators who act as owners
 * everywhere, issue, revoke or rotate one. Another tenant is "not found"; a weaker role is "forbidden".
 */
function ownedTenant(viewer: Viewer, tenantId: unknown, what: string): string {
  const id = z.uuid().safeParse(tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError(what);
  return id.data;
}

export async function issueApiKeyAs(viewer: Viewer, input: { tenantId?: unknown; name?: unknown }) {
  const tenantId = ownedTenant(viewer, input.tenantId, "issue API keys");
  return issueApiKey(db(), { tenantId, userId: viewer.id, label: viewer.email }, { name: input.name });
}

export async function revokeApiKeyAs(viewer: Viewer, input: { tenantId?: unknown; keyId?: unknown }) {
  const tenantId = ownedTenant(viewer, input.tenantId, "revoke API keys");
  return revokeApiKey(db(), { tenantId, userId: viewer.id, label: viewer.email }, { keyId: input.keyId });
}

export async function rotateApiKeyAs(
  viewer: Viewer,
  input: { tenantId?: unknown; keyId?: unknown; graceMinutes?: unknown },
) {
  const tenantId = ownedTenant(viewer, input.tenantId, "rotate API keys");
  return rotateApiKey(
    db(),
    { tenantId, userId: viewer.id, label: viewer.email },
    { keyId: input.keyId, graceMinutes: input.graceMinutes },
  );
}
