import { FlowProducer } from "bullmq";
import type { PrismaClient } from "@switchyard/db";
import type { AgentQueues } from "../queues/agent-queues";
import { AGENT_JOB_NAME, AGENT_QUEUES, DEFAULT_JOB_OPTIONS } from "../queues/queue-registry";
import { createAgentRun } from "./enqueue-agent-job";

export interface TenantSetupRequest {
  tenantId: string;
  /** What the company does, sells and to whom: the seed of both documents. */
  brief: string;
  /** Same key twice sets up once. @defaultValue "setup" */
  idempotencyKey?: string;
}

/**
 * Onboarding: the context-file writer, then the strategy writer, which reads the
 * context file. A BullMQ flow holds the strategy job until its child has finished;
 * if the context file fails for good the strategy still runs, on the brief alone.
 */
export async function enqueueTenantSetup(deps: { db: PrismaClient; queues: AgentQueues }, request: TenantSetupRequest) {
  const key = request.idempotencyKey ?? "setup";
  const context = await createAgentRun(deps.db, {
    tenantId: request.tenantId,
    idempotencyKey: `${key}-context-file`,
    input: { role: "context-file-writer", topic: "Brand context file", brief: request.brief },
  });
  const strategy = await createAgentRun(deps.db, {
    tenantId: request.tenantId,
    idempotencyKey: `${key}-strategy`,
    input: { role: "strategy-writer", topic: "Content strategy", brief: request.brief, requiresReasoning: true },
  });
  if (!context.isDuplicate || !strategy.isDuplicate) {
    const { connection, prefix } = deps.queues.setup.opts;
    const flows = new FlowProducer({ connection, prefix });
    const queueName = AGENT_QUEUES.setup.name;
    try {
      await flows.add({
        name: AGENT_JOB_NAME,
        queueName,
        data: { runId: strategy.run.id, tenantId: request.tenantId },
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: strategy.run.id },
        children: [
          {
            name: AGENT_JOB_NAME,
            queueName,
            data: { runId: context.run.id, tenantId: request.tenantId },
            opts: { ...DEFAULT_JOB_OPTIONS, jobId: context.run.id, ignoreDependencyOnFailure: true },
          },
        ],
      });
    } finally {
      await flows.close();
    }
  }
  return { contextFileRun: context.run, strategyRun: strategy.run };
}
