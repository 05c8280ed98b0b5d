import type { PrismaClient } from "@switchyard/db";
import { AgentRoleSchema } from "../lib/agent-roles";
import { describeIssues, InvalidPayloadError, PermanentJobError } from "../lib/errors";
import { type RoutingOverrides, RoutingOverridesSchema } from "../lib/model-router";
import type { RevisionContext } from "../prompts/build-prompt";
import { ExamplesModeSchema } from "../examples/examples-mode";
import { exampleQuery } from "../examples/choose-examples";
import { type PromptCacheSetting, PromptCacheSettingSchema } from "../prompts/cache-plan";
import { CONTENT_KIND_BY_ROLE } from "../tasks/content-kind";
import { BriefSignalsSchema } from "../tasks/brief-signals";
import type { ApprovedExamples } from "./approved-examples";
import { type AgentJobPayload, AgentJobPayloadSchema } from "../queues/queue-registry";
import type { LoadedRun } from "../runs/load-run";
import { JudgeModeSchema } from "../quality/judge";
import { type PromptSettings, PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";

export function parseAgentJobPayload(raw: unknown): AgentJobPayload {
  const parsed = AgentJobPayloadSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new PermanentJobError(
    new InvalidPayloadError("agent job payload", describeIssues(parsed.error.issues, "payload")),
  );
}

/** Validates what the run row stores and assembles the prompt's inputs. */
export async function buildRunContext(db: PrismaClient, loaded: LoadedRun, approved: ApprovedExamples) {
  const task = TaskInputSchema.safeParse(loaded.input);
  const role = AgentRoleSchema.safeParse(loaded.role);
  if (!task.success || !role.success) {
    const issues = [...(task.error?.issues ?? []), ...(role.error?.issues ?? [])].map((i) => i.message);
    throw new PermanentJobError(new InvalidPayloadError("stored task", issues));
  }
  const brand: PromptSettings = PromptSettingsSchema.parse(loaded.promptSettings);
  if (role.data === "strategy-writer" && !brand.contextFile)
    brand.contextFile = await latestContextFile(db, loaded.tenantId);
  const overrides: RoutingOverrides | undefined = RoutingOverridesSchema.safeParse(loaded.routingOverrides).data;
  const revision: RevisionContext | undefined =
    loaded.previousDraft === null
      ? undefined
      : {
          previousDraft: loaded.previousDraft,
          feedback: loaded.reviewFeedback ?? "",
          score: loaded.reviewScore ?? undefined,
        };
  const judge = {
    // A mode the database CHECK does not allow cannot arrive; an unknown one reads as "off".
    mode: JudgeModeSchema.catch("off").parse(loaded.judgeMode),
    percent: loaded.judgeSamplePct,
    model: loaded.judgeModel,
  };
  // Revisions too: the same examples keep their prefix the same as the role's first drafts, so it is cached.
  const { examples, record: examplesRecord } = await approved.choose({
    tenantId: loaded.tenantId,
    kind: CONTENT_KIND_BY_ROLE[role.data],
    // A value the database CHECK does not allow cannot arrive; an unknown one reads as "latest".
    mode: ExamplesModeSchema.catch("latest").parse(loaded.examplesMode),
    query: exampleQuery(task.data),
  });
  // A value the database CHECK does not allow cannot arrive; an unknown one reads as "off".
  const promptCache: PromptCacheSetting = PromptCacheSettingSchema.catch("off").parse(loaded.promptCacheTtl);
  // What the brief asks, when the specialist layer read it at enqueue (a run from before it, or an outage: none).
  const signals = BriefSignalsSchema.safeParse(loaded.briefSignals).data;
  const brief = signals && !("error" in signals) ? signals : undefined;
  return {
    run: loaded,
    role: role.data,
    task: task.data,
    brand,
    overrides,
    revision,
    judge,
    examples,
    examplesRecord,
    promptCache,
    brief,
  };
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
