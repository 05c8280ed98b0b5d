import { createHash } from "node:crypto";
import type { AgentRun, PrismaClient } from "@switchyard/db";
import { AgentUnavailableError, describeIssues, InvalidPayloadError, TenantNotFoundError } from "../lib/errors";
import { RoutingOverridesSchema } from "../lib/model-router";
import { type AgentQueues, addToLane } from "../queues/agent-queues";
import { LaneSchema } from "../queues/queue-registry";
import { createQueuedRun } from "../runs";
import { planLane } from "./plan-lane";
import { deliverByProblem, PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";
import { defaultSpecialists, type SpecialistProvider } from "../specialists";
import { readBrief } from "./read-brief";

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
    select: { id: true, routingOverrides: true },
  });
  if (!tenant) throw new TenantNotFoundError(request.tenantId);
  const config = await db.agentConfig.findUnique({
    where: { tenantId_role: { tenantId: tenant.id, role: input.role } },
  });
  if (!config) throw new AgentUnavailableError(input.role, "not_configured");
  if (!config.isEnabled) throw new AgentUnavailableError(input.role, "disabled");
  const key = request.idempotencyKey ?? derivedKey(input, request.revisesRunId);
  const jobId = `${tenant.id}/${key}`;
  const deadline = deliverByProblem(input.deliverBy);
  // A replay of an accepted request may come after its deadline drew near: only a new run is held to the window.
  if (deadline && !(await db.agentRun.findUnique({ where: { jobId }, select: { id: true } }))) {
    throw new InvalidPayloadError("task", [deadline]);
  }
  const { products } = PromptSettingsSchema.parse(config.promptSettings);
  const briefSignals = await readBrief(specialists, input, products);
  return createQueuedRun(db, {
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
}

function derivedKey(input: unknown, revisesRunId: string | undefined): string {
  return createHash("sha256").update(JSON.stringify({ input, revisesRunId })).digest("hex").slice(0, 32);
}
