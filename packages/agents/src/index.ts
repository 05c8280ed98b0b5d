/** The producer-side API: what the dashboard, the CLI and other services import. */
export * from "./lib/agent-roles";
export * from "./lib/errors";
export { storableText, isStorableText } from "./lib/text";
export * from "./lib/model-catalog";
export * from "./lib/model-router";
export * from "./credits";
export { TaskInputSchema, PromptSettingsSchema, type TaskInput, type PromptSettings } from "./tasks/task-input";
export { enqueueAgentJob, createAgentRun, type EnqueueAgentJobRequest, type EnqueueAgentJobResult } from "./producer/enqueue-agent-job";
export { enqueueTenantSetup, type TenantSetupRequest } from "./producer/enqueue-tenant-setup";
export { reviewContent, ReviewInputSchema, ContentNotFoundError } from "./producer/review-content";
export { createAgentQueues, closeAgentQueues, type AgentQueues } from "./queues/agent-queues";
export { LANES, LANE_NAMES, LaneSchema, AgentJobPayloadSchema, type Lane } from "./queues/queue-registry";
export { readLaneStatus, type LaneStatus } from "./queues/lane-status";
export { createRedisConnection, redisReady } from "./queues/redis-connection";
export { agentsEnv, parseAgentsEnv, type AgentsEnv } from "./env";
