import "server-only";
import { RunReviewRequestSchema, TaskInputSchema } from "@switchyard/agents";
import { z } from "zod";
import { createDocument } from "zod-openapi";
import { EnqueueAnswerSchema, ErrorSchema, ReviewAnswerSchema, RunAnswerSchema, RunListSchema } from "./api-schemas";
import { ListRunsQuerySchema } from "./list-runs-query";

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ErrorSchema) });

const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,200}$/)
    .optional()
    .describe("Scoped to the tenant: the same key with the same body answers with the first result."),
});
const runIdPath = z.object({ id: z.uuid().describe("The run's id.") });

const unauthorized = error("No key, a wrong or a revoked key (`unauthorized`).");
const rateLimited = {
  ...error("More requests on this key in a minute than its limit (`rate_limited`); retry after `Retry-After` seconds."),
  headers: z.object({ "retry-after": z.string().describe("Seconds until the key's window resets.") }),
};
const notFound = error("An unknown run, another tenant's run, or an id that is not a UUID (`run_not_found`).");

/**
 * The OpenAPI 3.1 description of `/api/v1`, generated from the same zod schemas that validate the
 * requests and type the answers (no hand-written copy to drift). Served at `/api/v1/openapi.json`.
 */
export function buildOpenApiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Switchyard API",
      version: "1.0.0",
      description:
        "Enqueue content-agent jobs, read their runs (routing decision, costs, quality) and review what they wrote. " +
        "Every call sends a tenant API key as `Authorization: Bearer <key>` and sees only that tenant.",
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A tenant API key." } },
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/jobs": {
        post: {
          operationId: "enqueueJob",
          summary: "Enqueue a task for one of the tenant's agents",
          requestParams: { header: idempotencyHeader },
          requestBody: { required: true, ...json(TaskInputSchema) },
          responses: {
            "202": { description: "Queued: the new run (`Location` is its URL).", ...json(EnqueueAnswerSchema) },
            "200": { description: "A repeated Idempotency-Key: the first run.", ...json(EnqueueAnswerSchema) },
            "400": error("Bad JSON or an invalid task (`invalid_json`, `invalid_payload`, with `issues`)."),
            "401": unauthorized,
            "429": rateLimited,
            "409": error(
              "The role's agent is not configured or is disabled, or the tenant is archived (tenant_archived).",
            ),
            "413": error("A body over 64 KiB."),
            "415": error("A body that is not application/json."),
            "422": error("The Idempotency-Key was already used with a different task (`idempotency_key_reused`)."),
            "503": {
              ...error("The server has its limit of job requests in flight (`overloaded`); nothing was enqueued."),
              headers: z.object({ "retry-after": z.string().describe("Seconds to wait before retrying (1).") }),
            },
          },
        },
      },
      "/api/v1/runs": {
        get: {
          operationId: "listRuns",
          summary: "The tenant's runs, newest first, a page at a time",
          requestParams: { query: ListRunsQuerySchema },
          responses: {
            "200": { description: "One page and the cursor of the next.", ...json(RunListSchema) },
            "400": error("An unknown parameter, a bad value, or a cursor this API did not write (`invalid_payload`)."),
            "401": unauthorized,
            "429": rateLimited,
          },
        },
      },
      "/api/v1/runs/{id}": {
        get: {
          operationId: "getRun",
          summary: "One run: status, routing decision, tokens, costs, quality and content",
          requestParams: { path: runIdPath },
          responses: {
            "200": { description: "The run.", ...json(RunAnswerSchema) },
            "401": unauthorized,
            "429": rateLimited,
            "404": notFound,
          },
        },
      },
      "/api/v1/runs/{id}/review": {
        post: {
          operationId: "reviewRun",
          summary: "Approve or reject what a run wrote (a rejection queues a revision run)",
          requestParams: { path: runIdPath, header: idempotencyHeader },
          requestBody: { required: true, ...json(RunReviewRequestSchema) },
          responses: {
            "201": { description: "The review is recorded.", ...json(ReviewAnswerSchema) },
            "200": { description: "A repeat: the first review.", ...json(ReviewAnswerSchema) },
            "400": error("Bad JSON or an invalid review (`invalid_json`, `invalid_payload`)."),
            "401": unauthorized,
            "429": rateLimited,
            "404": notFound,
            "409": error(
              "Nothing to review (`no_reviewable_content`), already reviewed differently (`review_conflict`), or the " +
                "tenant is archived (`tenant_archived`).",
            ),
            "422": error(
              "The Idempotency-Key was already used for a review of another run (`idempotency_key_reused`).",
            ),
          },
        },
      },
    },
  });
}
