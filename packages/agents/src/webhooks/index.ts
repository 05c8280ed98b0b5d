/** Webhooks: signed events for a tenant's endpoints (issue 18, part 4). */
export {
  DEFAULT_TOLERANCE_SECONDS,
  generateWebhookSecret,
  SIGNATURE_HEADER,
  type SignatureVerdict,
  signWebhookPayload,
  verifyWebhookSignature,
} from "./sign-webhook";
export {
  assertLiteralHostAllowed,
  isPublicAddress,
  publicOnlyLookup,
  WebhookTargetRefusedError,
} from "./webhook-target";
export { WebhookUrlSchema } from "./webhook-url";
export {
  budgetWarningEventId,
  type BudgetWarningData,
  BudgetWarningDataSchema,
  type EndedRunStatus,
  RUN_EVENT_BY_STATUS,
  type RunEventData,
  RunEventDataSchema,
  runEventId,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  WebhookEventSchema,
  type WebhookEventType,
  WebhookEventTypeSchema,
} from "./webhook-events";
export { emitRunEvent, type WebhookEmitDeps } from "./emit-run-event";
export { notifyCapWarnings, notifyRunEnds } from "./run-end-notifier";
export { emitBudgetWarning } from "./emit-budget-warning";
export { emitTenantEvent } from "./emit-run-event";
export {
  createWebhookQueue,
  WEBHOOK_ATTEMPTS,
  WEBHOOK_BASE_DELAY_MS,
  WEBHOOK_QUEUE,
  webhookJobOptions,
  webhookRetryDelayMs,
} from "./webhook-queue";
export {
  deliverWebhook,
  PermanentWebhookError,
  WebhookAttemptFailedError,
  type WebhookDeliveryDeps,
} from "./deliver-webhook";
export { createWebhookWorker, type WebhookWorkerOptions } from "./create-webhook-worker";
export {
  AddWebhookEndpointSchema,
  addWebhookEndpoint,
  listWebhookEndpoints,
  MAX_ENDPOINTS_PER_TENANT,
  removeWebhookEndpoint,
  TooManyWebhookEndpointsError,
  type WebhookDeliverySummary,
  WebhookEndpointNotFoundError,
  type WebhookEndpointSummary,
} from "./manage-webhooks";
