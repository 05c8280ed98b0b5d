import "server-only";
import { randomUUID } from "node:crypto";
import {
  type AuditActor,
  audited,
  ContentNotFoundError,
  enqueueAgentJob,
  grantCredits,
  recordAudit,
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

/** The person a dashboard change is logged under. */
export function actorOf(viewer: Viewer): AuditActor {
  return { userId: viewer.id, label: viewer.email };
}

/** A tenant's own settings as the audit log shows them (never the balance's running counters). */
function readTenantSettings(tenantId: string) {
  return db().tenant.findUnique({
    where: { id: tenantId },
    select: {
      judgeModel: true,
      promptCacheTtl: true,
      routingOverrides: true,
      dailyCapMicros: true,
      monthlyCapMicros: true,
    },
  });
}

/** A role's settings (its floor among them) as the audit log shows them. */
function readConfig(configId: string) {
  return db().agentConfig.findUnique({ where: { id: configId }, omit: { id: true, tenantId: true, updatedAt: true } });
}

/** Every mutation checks scope first: another tenant's id is "not found", a weaker role is "forbidden". */
export async function updateConfigAs(viewer: Viewer, input: { configId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.configId);
  const tenantId = id.success ? await configTenantId(id.data) : undefined;
  if (!tenantId || !canAccess(viewer, tenantId)) throw new NotFoundError("That agent configuration");
  if (!canAccess(viewer, tenantId, "editor")) throw new ForbiddenError("change agent configuration");
  const configId = id.data ?? "";
  const role = (await db().agentConfig.findUnique({ where: { id: configId }, select: { role: true } }))?.role;
  return audited(
    db(),
    actorOf(viewer),
    { tenantId, action: "agent_config.update", target: `agent_config:${configId} (${role ?? "?"})` },
    () => readConfig(configId),
    () => updateAgentConfig(db(), tenantId, input),
  );
}

/** The judge model is the tenant's, and its cost is the tenant's: owners choose it. */
export async function updateJudgeModelAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("choose the judge model");
  return audited(
    db(),
    actorOf(viewer),
    { tenantId: id.data, action: "tenant.judge_model", target: `tenant:${id.data}` },
    () => readTenantSettings(id.data),
    () => updateJudgeModel(db(), id.data, { judgeModel: input.judgeModel }),
  );
}

/** Caching changes what the tenant pays per run (writes cost more than plain input): owners choose it. */
export async function updatePromptCacheAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("choose the prompt cache");
  return audited(
    db(),
    actorOf(viewer),
    { tenantId: id.data, action: "tenant.prompt_cache", target: `tenant:${id.data}` },
    () => readTenantSettings(id.data),
    () => updatePromptCache(db(), id.data, { promptCacheTtl: input.promptCacheTtl }),
  );
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
  return audited(
    db(),
    actorOf(viewer),
    { tenantId: id.data, action: "tenant.routing_overrides", target: `tenant:${id.data}` },
    () => readTenantSettings(id.data),
    () => updateRoutingOverrides(db(), id.data, { routingOverrides: input.routingOverrides }),
  );
}

/** Spend caps bound what the tenant's runs may cost: owners (and operators) set them. */
export async function setSpendCapsAs(viewer: Viewer, input: { tenantId?: unknown } & Record<string, unknown>) {
  const id = z.uuid().safeParse(input.tenantId);
  if (!id.success || !canAccess(viewer, id.data)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, id.data, "owner")) throw new ForbiddenError("set spend caps");
  return audited(
    db(),
    actorOf(viewer),
    { tenantId: id.data, action: "tenant.spend_caps", target: `tenant:${id.data}` },
    () => readTenantSettings(id.data),
    () => setSpendCaps(db(), id.data, { dailyCapUsd: input.dailyCapUsd, monthlyCapUsd: input.monthlyCapUsd }),
  );
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
  const balance = async () =>
    (await db().tenant.findUnique({ where: { id: data.tenantId }, select: { balanceMicros: true } }))?.balanceMicros;
  const before = await balance();
  const note = data.note ?? `granted by ${viewer.email}`;
  const amountMicros = Math.round(data.usd * 1_000_000);
  const result = await grantCredits(db(), {
    tenantId: data.tenantId,
    amountMicros,
    idempotencyKey: data.idempotencyKey,
    note,
  });
  if (!result.isDuplicate) {
    await recordAudit(db(), actorOf(viewer), {
      tenantId: data.tenantId,
      action: "credits.grant",
      target: `tenant:${data.tenantId}`,
      before: { balanceMicros: before },
      after: { balanceMicros: await balance(), grantedMicros: amountMicros, note, idempotencyKey: data.idempotencyKey },
    });
  }
  return result;
}

export async function enqueueAs(viewer: Viewer, tenantId: string, input: unknown) {
  if (!canAccess(viewer, tenantId)) throw new NotFoundError("That tenant");
  if (!canAccess(viewer, tenantId, "editor")) throw new ForbiddenError("enqueue jobs");
  return enqueueAgentJob(
    { db: db(), queues: queues() },
    { tenantId, input, idempotencyKey: `dashboard-${randomUUID()}` },
  );
}
