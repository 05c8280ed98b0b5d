import type { PrismaClient } from "@switchyard/db";
import { type AgentQueues, addFlowToLanes } from "../queues/agent-queues";
import { LaneSchema } from "../queues/queue-registry";
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
    // Setup is live even where strategy waits for a batch by default: the tenant is onboarding now.
    input: {
      role: "strategy-writer",
      topic: "Content strategy",
      brief: request.brief,
      requiresReasoning: true,
      urgency: "live",
    },
  });
  if (!context.isDuplicate || !strategy.isDuplicate) {
    const step = ({ run }: typeof context) => ({
      lane: LaneSchema.parse(run.lane),
      payload: { runId: run.id, tenantId: request.tenantId },
    });
    await addFlowToLanes(deps.queues, step(strategy), [step(context)]);
  }
  return { contextFileRun: context.run, strategyRun: strategy.run };
}
