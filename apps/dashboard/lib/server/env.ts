import "server-only";
import { describeIssues } from "@switchyard/agents";
import { z } from "zod";

/** The dashboard's own settings, validated once (the db and agents packages validate theirs). */
const DashboardEnvSchema = z.object({
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters (openssl rand -hex 32)"),
  /** Send the session cookie over HTTPS only; on by default in production. */
  SESSION_COOKIE_SECURE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Bearer token Prometheus sends to GET /api/metrics; unset, the endpoint answers 404. */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(24, "METRICS_TOKEN must be at least 24 characters").optional(),
  ),
});

let cached: z.infer<typeof DashboardEnvSchema> | undefined;

export function dashboardEnv() {
  if (!cached) {
    const result = DashboardEnvSchema.safeParse(process.env);
    if (!result.success) {
      throw new Error(`Invalid environment for the dashboard:\n  ${describeIssues(result.error.issues).join("\n  ")}`);
    }
    cached = result.data;
  }
  return cached;
}

/** The HTTP API's settings, apart from the pages' (the API uses no session, so needs no SESSION_SECRET). */
const ApiEnvSchema = z.object({
  /** Requests per minute per API key (0: no limit); past it the API answers 429 with Retry-After. */
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(1_000_000).default(1200),
  ),
});

let cachedApi: z.infer<typeof ApiEnvSchema> | undefined;

export function apiEnv() {
  if (!cachedApi) {
    const result = ApiEnvSchema.safeParse(process.env);
    if (!result.success) {
      throw new Error(`Invalid environment for the API:\n  ${describeIssues(result.error.issues).join("\n  ")}`);
    }
    cachedApi = result.data;
  }
  return cachedApi;
}
