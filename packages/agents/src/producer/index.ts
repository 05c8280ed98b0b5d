/**
 * The producer/admin entry of @switchyard/agents: what the dashboard, the CLI and other
 * services import to enqueue work, review it, change configuration and grant credits.
 * The escrow's hold and settlement statements are the worker's and are not exported here.
 */
export { AGENT_ROLES, AgentRoleSchema, isAgentRole, type AgentRole } from "../lib/agent-roles";
export * from "../lib/errors";
export { chooseLogFormat, createLogger, type LogFormat, type Logger } from "../observability/logger";
export { isStorableText, storableText } from "../lib/text";
export {
  ACTIVE_MODEL_IDS,
  getModel,
  MODEL_CATALOG,
  PRICE_BOOK_VERSION,
  type ModelId,
  type ModelSpec,
} from "../lib/model-catalog";
export {
  classifyTaskComplexity,
  explainTaskComplexity,
  MODEL_SELECTION,
  RoutingOverridesSchema,
  TASK_COMPLEXITIES,
  type RoutingOverrides,
  type TaskComplexity,
} from "../lib/model-router";
export {
  grantCredits,
  MAX_CAP_USD,
  readBalance,
  readSpendPositions,
  setSpendCaps,
  SpendCapsSchema,
  type GrantCreditsOptions,
  type SpendPosition,
} from "../credits";
export { CAP_WARNING_SHARE } from "../runs/spend-caps";
export * from "../api-keys";
export * from "../tenants";
export { PromptSettingsSchema, TaskInputSchema, type PromptSettings, type TaskInput } from "../tasks/task-input";
export {
  createAgentRun,
  enqueueAgentJob,
  type EnqueueAgentJobRequest,
  type EnqueueAgentJobResult,
} from "./enqueue-agent-job";
export { enqueueTenantSetup, type TenantSetupRequest } from "./enqueue-tenant-setup";
export { planLane } from "./plan-lane";
export {
  ContentNotFoundError,
  reviewContent,
  type ReviewContentResult,
  ReviewConflictError,
  ReviewInputSchema,
} from "./review-content";
export { NoReviewableContentError, reviewRun, type RunReviewRequest, RunReviewRequestSchema } from "./review-run";
export {
  AgentConfigNotFoundError,
  type AgentConfigUpdate,
  AgentConfigUpdateSchema,
  JudgeModelUpdateSchema,
  updateAgentConfig,
  updateJudgeModel,
  PromptCacheUpdateSchema,
  updatePromptCache,
} from "./update-agent-config";
export {
  type RoutingOverridesUpdate,
  RoutingOverridesUpdateSchema,
  updateRoutingOverrides,
} from "./update-routing-overrides";
export * from "../replay";
export { JudgeModeSchema, type JudgeMode } from "../quality/judge";
export { type CascadeRecord, CascadeRecordSchema } from "../quality/cascade-record";
export { type RouterRecord, RouterRecordSchema } from "../quality/router-record";
export { ROUTER_MODES, type RouterMode } from "../lib/tier-boundary";
export {
  type ExamplesMode,
  ExamplesModeSchema,
  type PromptExamplesRecord,
  PromptExamplesRecordSchema,
} from "../examples/examples-mode";
export {
  type Correlation,
  type Interval,
  levelCorrelation,
  meanInterval,
  MIN_CELL_RUNS,
  wilsonInterval,
} from "../quality/statistics";
export { type AgentQueues, closeAgentQueues, createAgentQueues } from "../queues/agent-queues";
export { AgentJobPayloadSchema, type Lane, LANE_NAMES, LANES, LaneSchema } from "../queues/queue-registry";
export { type LaneStatus, readLaneStatus } from "../queues/lane-status";
export { createRedisConnection, redisReady } from "../queues/redis-connection";
export { type AgentsEnv, agentsEnv, parseAgentsEnv } from "../env";
// Webhooks as the dashboard manages them; delivery (HTTP, DNS checks, the worker) stays in the worker.
export {
  addWebhookEndpoint,
  AddWebhookEndpointSchema,
  listWebhookEndpoints,
  MAX_ENDPOINTS_PER_TENANT,
  removeWebhookEndpoint,
  TooManyWebhookEndpointsError,
  type WebhookDeliverySummary,
  WebhookEndpointNotFoundError,
  type WebhookEndpointSummary,
} from "../webhooks/manage-webhooks";
export {
  generateWebhookSecret,
  SIGNATURE_HEADER,
  signWebhookPayload,
  verifyWebhookSignature,
} from "../webhooks/sign-webhook";
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../webhooks/webhook-events";
export { WebhookUrlSchema } from "../webhooks/webhook-url";
export { type AuditActor, audited, type AuditEventView, CLI_ACTOR, listAuditEvents, recordAudit } from "../audit";
