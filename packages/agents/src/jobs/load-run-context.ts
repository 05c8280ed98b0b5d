import type { PrismaClient } from "@switchyard/db";
import { AgentRoleSchema } from "../lib/agent-roles";
import { InvalidPayloadError, PermanentJobError, RunNotFoundError } from "../lib/errors";
import { type RoutingOverrides, RoutingOverridesSchema } from "../lib/model-router";
import type { RevisionContext } from "../prompts/build-prompt";
import { type AgentJobPayload, AgentJobPayloadSchema } from "../queues/queue-registry";
import { type PromptSettings, PromptSettingsSchema, type TaskInput, TaskInputSchema } from "./task-input";

export function parseAgentJobPayload(raw: unknown): AgentJobPayload {
  const parsed = AgentJobPayloadSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`);
  throw new PermanentJobError(new InvalidPayloadError("agent job payload", issues));
}

export async function loadRunContext(db: PrismaClient, payload: AgentJobPayload) {
  const run = await db.agentRun.findUnique({
    where: { id: payload.runId },
    include: {
      config: true,
      tenant: true,
      revises: { include: { content: { include: { reviews: { orderBy: { createdAt: "desc" }, take: 1 } } } } },
    },
  });
  // A payload naming another tenant's run is treated as a missing run: no hint it exists.
  if (!run || run.tenantId !== payload.tenantId) throw new PermanentJobError(new RunNotFoundError(payload.runId));
  const task = parseStored(TaskInputSchema, run.input, "stored task input");
  const role = parseStored(AgentRoleSchema, run.role, "stored agent role");
  const brand: PromptSettings = PromptSettingsSchema.parse(run.config.promptSettings);
  if (role === "strategy-writer" && !brand.contextFile) {
    brand.contextFile = await latestContextFile(db, run.tenantId);
  }
  const overrides: RoutingOverrides | undefined = RoutingOverridesSchema.safeParse(run.tenant.routingOverrides).data;
  const previous = run.revises?.content;
  const revision: RevisionContext | undefined = previous
    ? { previousDraft: previous.body, feedback: previous.reviews[0]?.feedback ?? "", score: previous.reviews[0]?.score }
    : undefined;
  return { run, role, task, brand, overrides, revision };
}

export type RunContext = Awaited<ReturnType<typeof loadRunContext>>;

function parseStored<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: { message: string }[] } } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PermanentJobError(new InvalidPayloadError(what, parsed.error?.issues.map((i) => i.message) ?? []));
  return parsed.data as T;
}

/** The strategy writer reads the tenant's context file: an approved one first, else the newest. */
async function latestContextFile(db: PrismaClient, tenantId: string): Promise<string | undefined> {
  for (const status of [["approved", "published"], ["draft"]] as const) {
    const item = await db.contentItem.findFirst({
      where: { tenantId, kind: "context_file", status: { in: [...status] } },
      orderBy: { createdAt: "desc" },
      select: { body: true },
    });
    if (item) return item.body;
  }
  return undefined;
}
