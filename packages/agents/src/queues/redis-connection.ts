import { Redis, type RedisOptions } from "ioredis";

/**
 * Workers block on Redis and must wait out a restart (maxRetriesPerRequest: null);
 * producers answer an HTTP request and should fail fast instead of hanging.
 */
export function createRedisConnection(url: string, { isWorker }: { isWorker: boolean }): Redis {
  const options: RedisOptions = isWorker
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 };
  return new Redis(url, { ...options, lazyConnect: false });
}

/**
 * Resolves once the connection is ready. A producer connection does not queue commands
 * while it connects (fail fast), so its first command after start-up waits here.
 */
export async function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === "ready") return;
  if (redis.status === "wait") void redis.connect().catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`Redis is not reachable (${redis.status})`)), timeoutMs);
    const onReady = () => done();
    const done = (error?: Error) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      if (error) reject(error);
      else resolve();
    };
    redis.on("ready", onReady);
  });
}
