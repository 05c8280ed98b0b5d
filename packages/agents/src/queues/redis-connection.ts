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
