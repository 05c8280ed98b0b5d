import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { AgentRun, PrismaClient } from "@switchyard/db";
import {
  AgentUnavailableError,
  describeIssues,
  IdempotencyKeyReusedError,
  InvalidPayloadError,
  TenantNotFoundError,
} from "../lib/errors";
import { RoutingOverridesSchema } from "../lib/model-router";
import { type AgentQueues, addToLane } from "../queues/agent-queues";
import { LaneSchema } from "../queues/queue-registry";
import { createQueuedRun } from "../runs";
import { planLane } from "./plan-lane";
import { deliverByProblem, PromptSettingsSchema, type TaskInput, TaskInputSchema } from "../tasks/task-input";
import { defaultSpecialists, type SpecialistProvider } from "../specialists";
import { readBrief } from "./read-brief";
import { TenantArchivedError } from "../tenants/tenant-errors";

export interface EnqueueAgentJobRequest {
  tenantId: string;
  /** The task, validated here: unknown here means "from outside". */
  input: unknown;
  /** Same key twice gives the same run. Derived from the input when absent. */
  idempotencyKey?: string;
  /** Set on a revision: the run whose rejected content this one rewrites. */
  revisesRunId?: string;
}

export interface EnqueueAgentJobResult {
  run: AgentRun;
  isDuplicate: boolean;
}

/**
 * Creates the AgentRun (the truth) and then the queue job (delivery), keyed so a
 * retried request neither duplicates the run nor loses the job: a replay re-adds
 * the job for a run still queued, and BullMQ ignores an id it already holds.
 */
export async function enqueueAgentJob(
  deps: { db: PrismaClient; queues: AgentQueues },
  request: EnqueueAgentJobRequest,
): Promise<EnqueueAgentJobResult> {
  const { run, isDuplicate } = await createAgentRun(deps.db, request);
  if (run.status === "queued")
    await addToLane(deps.queues, LaneSchema.parse(run.lane), { runId: run.id, tenantId: run.tenantId });
  return { run, isDuplicate };
}

/** Validates a task and creates its AgentRun (or finds the one its key already made); queues nothing. */
export async function createAgentRun(
  db: PrismaClient,
  request: EnqueueAgentJobRequest,
  specialists: SpecialistProvider = defaultSpecialists(),
): Promise<EnqueueAgentJobResult> {
  const parsed = TaskInputSchema.safeParse(request.input);
  if (!parsed.success) {
    throw new InvalidPayloadError("task", describeIssues(parsed.error.issues, "body"));
  }
  const input = parsed.data;
  const tenant = await db.tenant.findUnique({
    where: { id: request.tenantId },
    select: { id: true, slug: true, routingOverrides: true, archivedAt: true },
  });
  if (!tenant) throw new TenantNotFoundError(request.tenantId);
  const config = await db.agentConfig.findUnique({
    where: { tenantId_role: { tenantId: tenant.id, role: input.role } },
  });
  if (!config) throw new AgentUnavailableError(input.role, "not_configured");
  if (!config.isEnabled) throw new AgentUnavailableError(input.role, "disabled");
  const key = request.idempotencyKey ?? derivedKey(input, request.revisesRunId);
  const jobId = `${tenant.id}/${key}`;
  // A replay answers with the run its key made: no deadline check (it may come later), no second brief read.
  const earlier = await db.agentRun.findUnique({ where: { jobId } });
  if (earlier) return replayOf(earlier, input, request);
  // After the replay: a retry of a job accepted before the tenant was archived still answers with its run.
  if (tenant.archivedAt) throw new TenantArchivedError(tenant.slug);
  const deadline = deliverByProblem(input.deliverBy);
  if (deadline) throw new InvalidPayloadError("task", [deadline]);
  const { products } = PromptSettingsSchema.parse(config.promptSettings);
  const briefSignals = await readBrief(specialists, input, products);
  const created = await createQueuedRun(db, {
    briefSignals,
    tenantId: tenant.id,
    configId: config.id,
    role: input.role,
    jobId,
    adapter: config.adapter,
    model: config.model,
    lane: planLane(input, config.model, {
      overrides: RoutingOverridesSchema.safeParse(tenant.routingOverrides).data,
      isRevision: request.revisesRunId !== undefined,
      isBatchByDefault: config.isBatchByDefault,
    }),
    deliverBy: input.deliverBy === undefined ? null : new Date(input.deliverBy),
    input,
    revisesRunId: request.revisesRunId ?? null,
  });
  // Two requests raced on one key: the loser answers with the winner's run, if it asked for the same task.
  return created.isDuplicate ? replayOf(created.run, input, request) : created;
}

/**
 * The run a repeated key made, when the request repeats the task. A caller's own key sent
 * with a different task is refused (422 over HTTP): answering with the first run would
 * silently drop the new request. A derived key is the task's hash, so it always matches.
 */
function replayOf(run: AgentRun, input: TaskInput, request: EnqueueAgentJobRequest): EnqueueAgentJobResult {
  const isSameTask =
    isDeepStrictEqual(run.input, JSON.parse(JSON.stringify(input))) &&
    run.revisesRunId === (request.revisesRunId ?? null);
  if (!isSameTask) throw new IdempotencyKeyReusedError("with a different task");
  return { run, isDuplicate: true };
}

function derivedKey(input: unknown, revisesRunId: string | undefined): string {
  return createHash("sha256").update(JSON.stringify({ input, revisesRunId })).digest("hex").slice(0, 32);
}
