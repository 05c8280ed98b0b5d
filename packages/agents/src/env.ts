import { z } from "zod";
import { describeIssues } from "./lib/errors";
import type { Lane } from "./queues/queue-registry";

/**
 * Everything @switchyard/agents reads from the environment, validated once. Nothing
 * else in this package touches process.env.
 */
export const AgentsEnvSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z.string().min(1).max(64).default("switchyard"),
  ANTHROPIC_API_KEY: z
    .string()
    .optional()
    .transform((key) => (key ? key : undefined)),
  ANTHROPIC_BASE_URL: z.url().default("https://api.anthropic.com"),
  SIMULATED_LATENCY_MS_MIN: z.coerce.number().int().min(0).default(200),
  SIMULATED_LATENCY_MS_MAX: z.coerce.number().int().min(0).default(1500),
  SIMULATED_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** Simulated Message Batches end this long after they are created (the real API: most within an hour). */
  SIMULATED_BATCH_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Jobs one worker process runs at once per lane; most of a job is waiting on the provider. */
  LANE_FAST_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(50),
  LANE_STANDARD_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(20),
  LANE_HEAVY_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(10),
  /** The batch lane only routes and holds (no model call), so a few slots keep up with many jobs. */
  LANE_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * PostgreSQL connections one worker process keeps; a job holds one only for three short statements.
   * Few is faster: on a 2-core database, 5 moved ~20% more jobs/s than 20 (queued statements wait in the
   * pool instead of contending for CPU and tenant row locks). Keep the sum over all workers near a few
   * per database core.
   */
  WORKER_DB_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(5),
  /** Jobs a lane may start per minute across every worker (BullMQ's limiter); 0 is no cap. */
  LANE_FAST_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(0),
  LANE_STANDARD_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(0),
  LANE_HEAVY_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Requests gathered into one Message Batch per model before it is submitted (the API allows 100,000). */
  BATCH_MAX_REQUESTS: z.coerce.number().int().min(1).max(100_000).default(100),
  /** The longest a held batch request waits for others before its batch is submitted anyway. */
  BATCH_MAX_AGE_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** The first wait before a submitted batch is polled; later polls back off, doubling up to 16 times this. */
  BATCH_POLL_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  /**
   * How long one worker owns a batch row while it submits or polls it: long enough to end a full batch's
   * results (each success may call the judge). After a crash, the row waits this long for another worker.
   * Two owners at once cost effort, never money: every run ends once.
   */
  BATCH_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(600_000),
  /** How long a job's lock lives unrenewed; a killed worker's jobs are picked up after it. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How often a worker looks for jobs whose worker died. */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** JSON lines, or pino-pretty for people; unset: JSON in production and when output is not a terminal. */
  // Empty (as .env.example leaves it) means unset: the logger chooses by NODE_ENV and the terminal.
  LOG_FORMAT: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["json", "pretty"]).optional()),
  /** Port of the worker's Prometheus endpoint (`GET /metrics`, `GET /health`); 0 (the default) is none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  /**
   * Whether webhook deliveries may reach private, loopback and link-local addresses. Empty: refused when
   * NODE_ENV is production, allowed otherwise; "true" allows them anywhere (a test receiver on 127.0.0.1).
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()),
  /** How long one webhook delivery attempt waits for the receiver's answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Webhook deliveries one worker process makes at once. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  /** The hybrid router's classifier call is abandoned after this long (a failure to the breaker). */
  HYBRID_CLASSIFIER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** The breaker opens when the classifier's p95 latency over its window passes this. */
  HYBRID_P95_LIMIT_MS: z.coerce.number().int().min(1).max(60_000).default(2500),
  /** The breaker opens when the classifier's mean cost share of the runs it routes passes this (0–1). */
  HYBRID_MAX_OVERHEAD_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** Failed classifier calls in a row that open the breaker. */
  HYBRID_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(3),
  /** Calls (and runs) the breaker's latency and overhead windows keep. */
  HYBRID_BREAKER_WINDOW: z.coerce.number().int().min(1).max(10_000).default(20),
  /** How long an open breaker keeps the heuristic before one trial classifier call. */
  HYBRID_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** How long a new person's one-time link to set their password works, in hours (3 days by default). */
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  /** The dashboard's address as people reach it: invitation links printed by the CLI and the dashboard start so. */
  DASHBOARD_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  NODE_ENV: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
});
export type AgentsEnv = z.infer<typeof AgentsEnvSchema>;

export function parseAgentsEnv(source: Record<string, string | undefined> = process.env): AgentsEnv {
  const result = AgentsEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(
      `Invalid environment for @switchyard/agents:\n  ${describeIssues(result.error.issues).join("\n  ")}`,
    );
  }
  if (result.data.SIMULATED_LATENCY_MS_MIN > result.data.SIMULATED_LATENCY_MS_MAX) {
    throw new Error(
      "Invalid environment for @switchyard/agents:\n  SIMULATED_LATENCY_MS_MIN is above SIMULATED_LATENCY_MS_MAX",
    );
  }
  return result.data;
}

let cached: AgentsEnv | undefined;
/** The process's validated environment, parsed on first use. */
export function agentsEnv(): AgentsEnv {
  cached ??= parseAgentsEnv();
  return cached;
}

export interface LaneSettings {
  concurrency: number;
  /** 0: no cap. */
  ratePerMinute: number;
}

export function laneSettings(env: AgentsEnv): Record<Lane, LaneSettings> {
  return {
    fast: { concurrency: env.LANE_FAST_CONCURRENCY, ratePerMinute: env.LANE_FAST_RATE_PER_MINUTE },
    standard: { concurrency: env.LANE_STANDARD_CONCURRENCY, ratePerMinute: env.LANE_STANDARD_RATE_PER_MINUTE },
    heavy: { concurrency: env.LANE_HEAVY_CONCURRENCY, ratePerMinute: env.LANE_HEAVY_RATE_PER_MINUTE },
    batch: { concurrency: env.LANE_BATCH_CONCURRENCY, ratePerMinute: 0 },
  };
}

/** The batch submitter's and poller's settings. */
export function batchSettings(env: AgentsEnv) {
  return {
    maxRequests: env.BATCH_MAX_REQUESTS,
    maxAgeMs: env.BATCH_MAX_AGE_MS,
    pollMs: env.BATCH_POLL_MS,
    leaseMs: env.BATCH_LEASE_MS,
  };
}

/** The pool one worker process opens: WORKER_DB_POOL_SIZE, but never more connections than job slots (plus a few). */
export function workerDbPoolSize(env: AgentsEnv, totalConcurrency: number): number {
  return Math.min(env.WORKER_DB_POOL_SIZE, totalConcurrency + 5);
}

/** The webhook delivery worker's settings. */
export function webhookSettings(env: AgentsEnv) {
  const isPrivateAllowed = env.WEBHOOK_ALLOW_PRIVATE_TARGETS
    ? env.WEBHOOK_ALLOW_PRIVATE_TARGETS === "true"
    : env.NODE_ENV !== "production";
  return {
    isPrivateTargetAllowed: isPrivateAllowed,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
  };
}

/** The hybrid router's classifier timeout and circuit breaker. */
export function hybridRouterSettings(env: AgentsEnv) {
  return {
    timeoutMs: env.HYBRID_CLASSIFIER_TIMEOUT_MS,
    breaker: {
      p95LimitMs: env.HYBRID_P95_LIMIT_MS,
      maxOverheadShare: env.HYBRID_MAX_OVERHEAD_SHARE,
      failureLimit: env.HYBRID_BREAKER_FAILURES,
      windowSize: env.HYBRID_BREAKER_WINDOW,
      coolDownMs: env.HYBRID_BREAKER_COOLDOWN_MS,
    },
  };
}
