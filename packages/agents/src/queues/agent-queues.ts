import { FlowProducer, type FlowJob, type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { nextFairPriority } from "./fair-priority";
import {
  AGENT_JOB_NAME,
  type AgentJobPayload,
  DEFAULT_JOB_OPTIONS,
  type Lane,
  LANE_NAMES,
  LANES,
} from "./queue-registry";

/** The producer side of every lane, sharing one connection. */
export interface AgentQueues {
  lanes: Record<Lane, Queue>;
  redis: Redis;
  prefix: string;
}

export function createAgentQueues(connection: Redis, prefix: string): AgentQueues {
  const lanes = Object.fromEntries(
    LANE_NAMES.map((lane) => [lane, new Queue(LANES[lane].queue, { connection, prefix })]),
  ) as Record<Lane, Queue>;
  return { lanes, redis: connection, prefix };
}

export async function closeAgentQueues(queues: AgentQueues): Promise<void> {
  await Promise.all(Object.values(queues.lanes).map((q) => q.close()));
}

export interface LaneFlowStep {
  lane: Lane;
  payload: AgentJobPayload;
}

/** A run's job options on its lane: keyed by the run, behind what its tenant has waiting (see fair-priority). */
async function laneJobOptions(queues: AgentQueues, { lane, payload }: LaneFlowStep): Promise<JobsOptions> {
  const priority = await nextFairPriority(queues.redis, queues.prefix, LANES[lane].queue, payload.tenantId);
  return { ...DEFAULT_JOB_OPTIONS, jobId: payload.runId, priority };
}

/** One job on its lane. */
export async function addToLane(queues: AgentQueues, lane: Lane, payload: AgentJobPayload): Promise<void> {
  await queues.lanes[lane].add(AGENT_JOB_NAME, payload, await laneJobOptions(queues, { lane, payload }));
}

/**
 * A parent job that waits for its children (BullMQ flow), each on its own lane with
 * its fair priority. A child that fails for good does not block the parent.
 */
export async function addFlowToLanes(
  queues: AgentQueues,
  parent: LaneFlowStep,
  children: LaneFlowStep[],
): Promise<void> {
  const node = async (step: LaneFlowStep, isChild: boolean): Promise<FlowJob> => ({
    name: AGENT_JOB_NAME,
    queueName: LANES[step.lane].queue,
    data: step.payload,
    opts: { ...(await laneJobOptions(queues, step)), ...(isChild ? { ignoreDependencyOnFailure: true } : {}) },
  });
  const flows = new FlowProducer({ connection: queues.redis, prefix: queues.prefix });
  try {
    await flows.add({
      ...(await node(parent, false)),
      children: await Promise.all(children.map((c) => node(c, true))),
    });
  } finally {
    await flows.close();
  }
}
