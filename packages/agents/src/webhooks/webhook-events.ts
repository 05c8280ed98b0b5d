import { z } from "zod";

/** Every event an endpoint can subscribe to; budget.warning comes from spend caps (webhooks/emit-budget-warning.ts). */
export const WEBHOOK_EVENT_TYPES = ["run.succeeded", "run.failed", "run.refused", "budget.warning"] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** The run's final statuses that are told, and the event each one is. */
export const RUN_EVENT_BY_STATUS = {
  succeeded: "run.succeeded",
  failed: "run.failed",
  refused_credits: "run.refused",
} as const satisfies Record<string, WebhookEventType>;
export type EndedRunStatus = keyof typeof RUN_EVENT_BY_STATUS;

/** What a run event carries: ids and the outcome, never the content (fetch it with GET /api/v1/runs/:id). */
export const RunEventDataSchema = z
  .object({
    runId: z.uuid(),
    status: z.enum(Object.keys(RUN_EVENT_BY_STATUS) as [EndedRunStatus, ...EndedRunStatus[]]),
    role: z.string(),
    model: z.string().nullable(),
    /** What the run was charged, in micro-USD (0 for a refused or failed run). */
    costMicros: z.number().int().nonnegative(),
    error: z.string().nullable(),
    queuedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .strict();
export type RunEventData = z.infer<typeof RunEventDataSchema>;

/** The body of every delivery: the same JSON, byte for byte, that the signature covers. */
export const WebhookEventSchema = z
  .object({
    /** Stable per event: a receiver that sees an id twice has the same event twice. */
    id: z.string().min(1).max(200),
    type: WebhookEventTypeSchema,
    createdAt: z.iso.datetime(),
    tenantId: z.uuid(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** The event id of a run's end: one per run and final status, so emitting twice delivers once. */
export function runEventId(runId: string, status: EndedRunStatus): string {
  return `evt_run_${runId}_${status}`;
}

/** What a budget.warning carries: which cap, its period, and where spend (settled + held) stands. */
export const BudgetWarningDataSchema = z
  .object({
    period: z.enum(["daily", "monthly"]),
    /** The UTC day, or the first day of the UTC month, the cap counts. */
    periodStart: z.iso.date(),
    capMicros: z.number().int().positive(),
    /** Settled charges plus open holds in the period, in micro-USD, when the warning was raised. */
    spentMicros: z.number().int().nonnegative(),
    /** The share of the cap that triggers the warning (0.8). */
    threshold: z.number(),
  })
  .strict();
export type BudgetWarningData = z.infer<typeof BudgetWarningDataSchema>;

/** One warning per tenant, cap and period: emitting it again delivers nothing new. */
export function budgetWarningEventId(tenantId: string, period: "daily" | "monthly", periodStart: string): string {
  return `evt_budget_${tenantId}_${period}_${periodStart}`;
}
