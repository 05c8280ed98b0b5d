import "server-only";
import { agentsEnv, createRedisConnection, redisReady, SwitchyardError } from "@switchyard/agents";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { apiEnv } from "./env";

/** Too many requests on one API key: answered 429 with Retry-After (seconds). */
export class RateLimitedError extends SwitchyardError {
  constructor(
    readonly retryAfterSeconds: number,
    limit: number,
  ) {
    super(
      "rate_limited",
      `This API key sent more than ${String(limit)} requests in a minute; retry in ${String(retryAfterSeconds)} s.`,
    );
  }
}

interface Limiter {
  limiter: RateLimiterRedis;
  /** Resolves once Redis is connected (a producer connection fails fast instead of queueing commands). */
  ready: Promise<void>;
}

const globalForLimiter = globalThis as unknown as { switchyardApiLimiter?: Limiter | null };

/**
 * A fixed one-minute window per API key, counted in Redis so every dashboard process shares it
 * (rate-limiter-flexible: one atomic INCR + PEXPIRE per request). If Redis is unreachable the
 * count falls back to this process's memory rather than refusing every request.
 */
function limiter(): Limiter | null {
  if (globalForLimiter.switchyardApiLimiter === undefined) {
    const points = apiEnv().API_RATE_LIMIT_PER_MINUTE;
    globalForLimiter.switchyardApiLimiter = points === 0 ? null : createLimiter(points);
  }
  return globalForLimiter.switchyardApiLimiter;
}

function createLimiter(points: number): Limiter {
  const env = agentsEnv();
  const redis = createRedisConnection(env.REDIS_URL, { isWorker: false });
  return {
    limiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${env.QUEUE_PREFIX}:api-rate`,
      points,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    }),
    ready: redisReady(redis).catch(() => undefined),
  };
}

/** Counts one request against the key's minute; throws RateLimitedError past the limit. */
export async function consumeApiRequest(apiKeyId: string): Promise<void> {
  const current = limiter();
  if (!current) return;
  await current.ready;
  try {
    await current.limiter.consume(apiKeyId);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), current.limiter.points);
    }
    throw rejection;
  }
}
