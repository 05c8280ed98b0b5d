import "server-only";
import { AGENT_ROLES, CascadeRecordSchema, PromptExamplesRecordSchema } from "@switchyard/agents";
import {
  ContentKind,
  ContentStatus,
  JudgeStatus,
  ReviewVerdict,
  RunSource,
  RunStatus,
  TaskComplexity,
} from "@switchyard/db";
import { z } from "zod";

/**
 * What the HTTP API answers, as zod schemas: the serializers are typed by them (a field added to a
 * run without its schema does not compile), the OpenAPI document is generated from them, and the
 * API tests validate every live answer against that document.
 */
const when = z.iso.datetime();
const micros = z.number().int().describe("micro-USD (1,000,000 = $1)");
const tokens = z.number().int().nullable();

export const RunSchema = z
  .object({
    id: z.uuid(),
    jobId: z.string().describe("<tenant id>/<Idempotency-Key, or a hash of the task when none was sent>"),
    role: z.enum(AGENT_ROLES),
    status: z.enum(RunStatus),
    adapter: z.string(),
    source: z
      .enum(RunSource)
      .nullable()
      .describe(
        "real (a provider), simulated (the offline provider) or synthetic (seeded history); null until it starts",
      ),
    floorModel: z.string().describe("The AgentConfig model when the run was created: routing never goes below it."),
    lane: z.string(),
    routing: z.object({
      taskComplexity: z.enum(TaskComplexity).nullable(),
      modelRoutedTo: z.string().nullable(),
      modelRouteReason: z.string().nullable(),
      signals: z.unknown().describe("What the classifier read (JSON), null until the run is routed."),
    }),
    costMicros: z.object({
      estimated: micros.nullable(),
      actual: micros.nullable(),
      baseline: micros.nullable().describe("The same usage priced on the tenant's baseline model."),
      held: micros.describe("Credits held in escrow for the run now (0 once settled or released)."),
    }),
    tokens: z.object({ input: tokens, output: tokens, cacheRead: tokens, cacheWrite: tokens, cacheWrite1h: tokens }),
    promptCache: z.object({
      note: z.string().nullable(),
      savingMicros: micros.nullable(),
      exampleCount: z.number().int().nullable(),
      examples: PromptExamplesRecordSchema.nullable().describe(
        "The approved pieces the prefix carried: how they were chosen (mode), each one's score against the " +
          "brief, the mean fit beside the best the pool allowed, and the provider and model that ranked them.",
      ),
    }),
    cascade: CascadeRecordSchema.nullable().describe(
      "The quality-gated cascade, when the role has it on: accepted (the cheaper draft kept), escalated (the " +
        "routed model wrote it; the discarded call and the gate's judge are charged with the run) or skipped (why).",
    ),
    batch: z.object({
      deliverBy: when.nullable(),
      id: z.uuid().nullable(),
      providerBatchId: z.string().nullable(),
      status: z.string().nullable(),
      submittedAt: when.nullable(),
      endedAt: when.nullable(),
      savingMicros: micros.nullable(),
    }),
    quality: z.object({
      checks: z.object({ score: z.number(), failed: z.array(z.string()), truncated: z.boolean() }).nullable(),
      judge: z
        .object({
          status: z.enum(JudgeStatus).nullable(),
          score: z.number().nullable(),
          criteria: z.unknown(),
          model: z.string().nullable(),
          rubricVersion: z.string().nullable(),
          costMicros: micros.nullable(),
          error: z.string().nullable(),
        })
        .nullable(),
      review: z
        .object({
          verdict: z.enum(ReviewVerdict),
          score: z.number().int().nullable(),
          feedback: z.string().nullable(),
          at: when,
        })
        .nullable(),
    }),
    attempts: z.number().int(),
    error: z.string().nullable(),
    revisesRunId: z.uuid().nullable(),
    queuedAt: when,
    startedAt: when.nullable(),
    finishedAt: when.nullable(),
    content: z
      .object({
        id: z.uuid(),
        kind: z.enum(ContentKind),
        title: z.string(),
        status: z.enum(ContentStatus),
        body: z.string(),
      })
      .optional(),
  })
  .meta({ id: "Run" });
export type RunJson = z.infer<typeof RunSchema>;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable and safe to branch on, e.g. invalid_payload, unauthorized, run_not_found."),
      message: z.string(),
      issues: z.array(z.string()).optional().describe("One line per invalid field."),
      reason: z
        .enum(["missing", "unknown", "revoked", "expired", "demo_key_in_production"])
        .optional()
        .describe(
          "On a 401: no key sent, a key that does not exist, a revoked key, a rotated key past its grace " +
            "period, or a public demo key sent to a production server.",
        ),
    }),
  })
  .meta({ id: "Error" });

export const EnqueueAnswerSchema = z.object({ run: RunSchema, isDuplicate: z.boolean() }).meta({ id: "EnqueueAnswer" });

export const RunAnswerSchema = z.object({ run: RunSchema }).meta({ id: "RunAnswer" });

export const RunListSchema = z
  .object({
    data: z.array(RunSchema),
    nextCursor: z.string().nullable().describe("Send as `cursor` for the next (older) page; null on the last page."),
  })
  .meta({ id: "RunList" });

export const ReviewAnswerSchema = z
  .object({
    review: z.object({
      id: z.uuid(),
      runId: z.uuid(),
      decision: z.enum(["approve", "reject"]),
      score: z.number().int().nullable(),
      feedback: z.string().nullable(),
      createdAt: when,
    }),
    revisionRunId: z.uuid().nullable(),
    isDuplicate: z.boolean(),
  })
  .meta({ id: "ReviewAnswer" });
export type ReviewAnswerJson = z.infer<typeof ReviewAnswerSchema>;
