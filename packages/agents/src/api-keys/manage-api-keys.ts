import { type AuditActor, CLI_ACTOR, recordAudit } from "../audit/audit-log";
import type { ApiKey, PrismaClient } from "@switchyard/db";
import type { z } from "zod";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { ApiKeyNotFoundError, ApiKeyNotRotatableError } from "./api-key-errors";
import { IssueApiKeySchema, RevokeApiKeySchema, RotateApiKeySchema } from "./api-key-schemas";
import { generateApiKeySecret } from "./api-key-secret";
import { apiKeyState, type ApiKeyState } from "./api-key-state";

/** A key as the dashboard and CLI show it: never its hash. */
export interface ApiKeySummary {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  replacedById: string | null;
  state: ApiKeyState;
}

/** A key just issued: `secret` is the whole key, returned this once and never again. */
export interface IssuedApiKey {
  apiKey: ApiKeySummary;
  secret: string;
}

export interface ApiKeyActor {
  tenantId: string;
  /** The dashboard user acting; undefined for the operators' CLI. */
  userId?: string;
  /** Who the audit log names: the user's email. @defaultValue "cli" */
  label?: string;
  now?: Date;
}

/** Every issue, revocation and rotation is logged with the key's state, in the transaction that makes it. */
function auditKey(
  tx: Pick<PrismaClient, "auditEvent">,
  actor: ApiKeyActor,
  action: string,
  keyId: string,
  before: object | null,
  after: object | null,
) {
  const by: AuditActor = { userId: actor.userId, label: actor.label ?? CLI_ACTOR.label };
  return recordAudit(tx, by, { tenantId: actor.tenantId, action, target: `api_key:${keyId}`, before, after });
}

/** What the log keeps of a key: never the key or its hash. */
function keyState(key: ApiKeySummary) {
  const { name, prefix, state, revokedAt, expiresAt, replacedById } = key;
  return { name, prefix, state, revokedAt, expiresAt, replacedById };
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError(what, describeIssues(parsed.error.issues, "body"));
  return parsed.data;
}

export function summarizeApiKey(key: ApiKey, now = new Date()): ApiKeySummary {
  const { id, tenantId, name, prefix, createdAt, lastUsedAt, revokedAt, expiresAt, replacedById } = key;
  return {
    id,
    tenantId,
    name,
    prefix,
    createdAt,
    lastUsedAt,
    revokedAt,
    expiresAt,
    replacedById,
    state: apiKeyState(key, now),
  };
}

/** A tenant's keys (or several tenants', in one query), newest first. */
export async function listApiKeys(
  db: PrismaClient,
  tenantIds: string | string[],
  now = new Date(),
): Promise<ApiKeySummary[]> {
  const keys = await db.apiKey.findMany({
    where: { tenantId: { in: typeof tenantIds === "string" ? [tenantIds] : tenantIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return keys.map((k) => summarizeApiKey(k, now));
}

/** Issues a key for the tenant: 32 random bytes, stored only as its SHA-256. */
export async function issueApiKey(db: PrismaClient, actor: ApiKeyActor, input: unknown): Promise<IssuedApiKey> {
  const { name } = parse(IssueApiKeySchema, input, "API key");
  const { key, prefix, keyHash } = generateApiKeySecret();
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { tenantId: actor.tenantId, name, prefix, keyHash, createdById: actor.userId ?? null },
    });
    const apiKey = summarizeApiKey(row, actor.now);
    await auditKey(tx, actor, "api_key.issue", row.id, null, keyState(apiKey));
    return { apiKey, secret: key };
  });
}

/** Revokes a key at once (the next request with it is a 401); revoking it again changes nothing. */
export async function revokeApiKey(
  db: PrismaClient,
  actor: ApiKeyActor,
  input: unknown,
): Promise<{ apiKey: ApiKeySummary; isDuplicate: boolean }> {
  const { keyId } = parse(RevokeApiKeySchema, input, "API key");
  const now = actor.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({ where: { id: keyId, tenantId: actor.tenantId } });
    const { count } = await tx.apiKey.updateMany({
      where: { id: keyId, tenantId: actor.tenantId, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await tx.apiKey.findFirst({ where: { id: keyId, tenantId: actor.tenantId } });
    if (!row || !before) throw new ApiKeyNotFoundError(keyId);
    const apiKey = summarizeApiKey(row, now);
    if (count > 0) {
      await auditKey(tx, actor, "api_key.revoke", keyId, keyState(summarizeApiKey(before, now)), keyState(apiKey));
    }
    return { apiKey, isDuplicate: count === 0 };
  });
}

/**
 * Issues the key's successor (same name) and lets the old key work for `graceMinutes` more, in one
 * transaction. Only a usable key that was never rotated can be: the conditional UPDATE makes two racing
 * rotations of one key leave exactly one successor.
 */
export async function rotateApiKey(
  db: PrismaClient,
  actor: ApiKeyActor,
  input: unknown,
): Promise<IssuedApiKey & { previous: ApiKeySummary }> {
  const { keyId, graceMinutes } = parse(RotateApiKeySchema, input, "API key rotation");
  const now = actor.now ?? new Date();
  const expiresAt = new Date(now.getTime() + graceMinutes * 60_000);
  return db.$transaction(async (tx) => {
    const old = await tx.apiKey.findFirst({ where: { id: keyId, tenantId: actor.tenantId } });
    if (!old) throw new ApiKeyNotFoundError(keyId);
    const state = apiKeyState(old, now);
    if (state === "revoked") throw new ApiKeyNotRotatableError("it has been revoked");
    if (old.replacedById || state === "expired")
      throw new ApiKeyNotRotatableError("it was already rotated; rotate the key that replaced it");
    const { key, prefix, keyHash } = generateApiKeySecret();
    const successor = await tx.apiKey.create({
      data: { tenantId: actor.tenantId, name: old.name, prefix, keyHash, createdById: actor.userId ?? null },
    });
    const { count } = await tx.apiKey.updateMany({
      where: { id: old.id, tenantId: actor.tenantId, revokedAt: null, replacedById: null },
      data: { expiresAt, replacedById: successor.id },
    });
    if (count === 0) throw new ApiKeyNotRotatableError("it was rotated or revoked a moment ago");
    const previous = summarizeApiKey({ ...old, expiresAt, replacedById: successor.id }, now);
    const apiKey = summarizeApiKey(successor, now);
    const after = { ...keyState(previous), successor: { id: successor.id, ...keyState(apiKey) } };
    await auditKey(tx, actor, "api_key.rotate", old.id, keyState(summarizeApiKey(old, now)), after);
    return { apiKey, secret: key, previous };
  });
}
