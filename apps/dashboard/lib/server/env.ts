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
  /** Failed sign-ins on one account within the lockout window before it is locked for the rest of it. */
  SIGN_IN_FAILURES_PER_ACCOUNT: wholeNumber(1, 1000, 5),
  /** Failed sign-ins from one address (any accounts) within the window. */
  SIGN_IN_FAILURES_PER_ADDRESS: wholeNumber(1, 100_000, 20),
  SIGN_IN_LOCKOUT_MINUTES: wholeNumber(1, 24 * 60, 15),
});

function wholeNumber(min: number, max: number, fallback: number) {
  return z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(min).max(max).default(fallback));
}

/** Validates the environment against a schema on first use, once per process; a bad value names itself. */
function parsedOnce<S extends z.ZodType>(schema: S, what: string): () => z.infer<S> {
  let cached: z.infer<S> | undefined;
  return () => {
    if (cached === undefined) {
      const result = schema.safeParse(process.env);
      if (!result.success) {
        throw new Error(`Invalid environment for the ${what}:\n  ${describeIssues(result.error.issues).join("\n  ")}`);
      }
      cached = result.data;
    }
    return cached;
  };
}

export const dashboardEnv = parsedOnce(DashboardEnvSchema, "dashboard");

/** The HTTP API's settings, apart from the pages' (the API uses no session, so needs no SESSION_SECRET). */
const ApiEnvSchema = z.object({
  /** In production the API refuses the seed's public demo keys. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Requests per minute per API key (0: no limit); past it the API answers 429 with Retry-After. */
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(1_000_000).default(1200),
  ),
  /** Job requests one server process handles at once (0: no limit); past it POST /api/v1/jobs answers 503. */
  API_MAX_IN_FLIGHT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(100_000).default(64),
  ),
});

export const apiEnv = parsedOnce(ApiEnvSchema, "API");
