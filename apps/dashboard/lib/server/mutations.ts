import "server-only";
import { randomUUID } from "node:crypto";
import {
  ContentNotFoundError,
  enqueueAgentJob,
  grantCredits,
  reviewContent,
  setSpendCaps,
  storableText,
  SwitchyardError,
  updateAgentConfig,
  updateJudgeModel,
  updatePromptCache,
  updateRoutingOverrides,
} from "@switchyard/agents";
import { z } from "zod";
import { canAccess, type Viewer } from "./auth";
import { configTenantId, contentTenantId } from "./content-view";
import { db, queues } from "./services";

export class ForbiddenError extends SwitchyardError {
  constructor(what: string) {
    super("forbidden", `Your role does not allow you to ${what}.`);
  }
}

export class NotFoundError extends SwitchyardError {
  constructor(what: string) {
    super("not_found", `${what} was not found.`);
  }
}

/** Every mutation checks scope first: another tenant's id is "not found", a weaker role is "forbidden". */
export async function updateConfigAs(viewer: Viewer, input: { configId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.configId);
  const tenantId = id.success ? await configTenantId(id.data) : undefined;
  if (!tenantId || !canAccess(viewer, tenantId)) throw new NotFoundError("That agent configuration");
  if (!canAccess(viewer, tenantId, "editor")) throw new ForbiddenError("change agent configuration");
  return updateAgentConfig(db(), tenantId, input);
}

/** The judge model is the tenant's, and its cost is the tenant's: owners choose it. */
export async function updateJudgeModelAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("choose the judge model");
  return updateJudgeModel(db(), id.data, { judgeModel: input.judgeModel });
}

/** Caching changes what the tenant pays per run (writes cost more than plain input): owners choose it. */
export async function updatePromptCacheAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("choose the prompt cache");
  return updatePromptCache(db(), id.data, { promptCacheTtl: input.promptCacheTtl });
}

/**
 * The tier → model table decides which model, and so what price, every run gets: owners (and operators)
 * save it, as they choose the judge model and the cache. The floor stays each role's and still applies.
 */
export async function updateRoutingOverridesAs(
  viewer: Viewer,
  input: { tenantId?: unknown } & Record<string, unknown>,
) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("save the routing table");
  return updateRoutingOverrides(db(), id.data, { routingOverrides: input.routingOverrides });
}

/** Spend caps bound what the tenant's runs may cost: owners (and operators) set them. */
export async function setSpendCapsAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("set spend caps");
  return setSpendCaps(db(), id.data, { dailyCapUsd: input.dailyCapUsd, monthlyCapUsd: input.monthlyCapUsd });
}

export async function reviewAs(viewer: Viewer, input: { contentItemId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.contentItemId);
  const tenantId = id.success ? await contentTenantId(id.data) : undefined;
  if (!tenantId || !canAccess(viewer, tenantId))
    throw new ContentNotFoundError(String(input.contentItemId).slice(0, 64));
  if (!canAccess(viewer, tenantId, "editor")) throw new ForbiddenError("review content");
  return reviewContent({ db: db(), queues: queues() }, { tenantId, reviewerId: viewer.id, input });
}

const GrantSchema = z.object({
  tenantId: z.uuid(),
  usd: z.number().positive().max(1_000_000),
  idempotencyKey: storableText(100, 8),
  note: storableText(200).optional(),
});

export async function grantAs(viewer: Viewer, input: unknown) {
  if (!viewer.isOperator) throw new ForbiddenError("grant credits");
  const data = GrantSchema.parse(input);
  return grantCredits(db(), {
    tenantId: data.tenantId,
    amountMicros: Math.round(data.usd * 1_000_000),
    idempotencyKey: data.idempotencyKey,
    note: data.note ?? `granted by ${viewer.email}`,
  });
}

export async function enqueueAs(viewer: Viewer, tenantId: string, input: unknown) {
  if (!canAccess(viewer, tenantId)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, tenantId, "editor")) throw new ForbiddenError("enqueue jobs");
  return enqueueAgentJob(
    { db: db(), queues: queues() },
    { tenantId, input, idempotencyKey: `dashboard-${randomUUID()}` },
  );
}
