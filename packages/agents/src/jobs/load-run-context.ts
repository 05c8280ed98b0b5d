import type { PrismaClient } from "@switchyard/db";
import { AgentRoleSchema } from "../lib/agent-roles";
import { describeIssues, InvalidPayloadError, PermanentJobError } from "../lib/errors";
import { type RoutingOverrides, RoutingOverridesSchema } from "../lib/model-router";
import type { RevisionContext } from "../prompts/build-prompt";
import { type AgentJobPayload, AgentJobPayloadSchema } from "../queues/queue-registry";
import type { ClaimedRun } from "./claim-run";
import { type PromptSettings, PromptSettingsSchema, TaskInputSchema } from "./task-input";

export function parseAgentJobPayload(raw: unknown): AgentJobPayload {
  const parsed = AgentJobPayloadSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new PermanentJobError(new InvalidPayloadError("agent job payload", describeIssues(parsed.error.issues, "payload")));
}

/** Validates what the claimed row stores and assembles the prompt's inputs. */
export async function buildRunContext(db: PrismaClient, claimed: ClaimedRun) {
  const task = TaskInputSchema.safeParse(claimed.input);
  const role = AgentRoleSchema.safeParse(claimed.role);
  if (!task.success || !role.success) {
    const issues = [...(task.error?.issues ?? []), ...(role.error?.issues ?? [])].map((i) => i.message);
    throw new PermanentJobError(new InvalidPayloadError("stored task", issues));
  }
  const brand: PromptSettings = PromptSettingsSchema.parse(claimed.promptSettings);
  if (role.data === "strategy-writer" && !brand.contextFile) brand.contextFile = await latestContextFile(db, claimed.tenantId);
  const overrides: RoutingOverrides | undefined = RoutingOverridesSchema.safeParse(claimed.routingOverrides).data;
  const revision: RevisionContext | undefined =
    claimed.previousDraft === null ? undefined : { previousDraft: claimed.previousDraft, feedback: claimed.reviewFeedback ?? "", score: claimed.reviewScore ?? undefined };
  return { run: claimed, role: role.data, task: task.data, brand, overrides, revision };
}

export type RunContext = Awaited<ReturnType<typeof buildRunContext>>;

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
