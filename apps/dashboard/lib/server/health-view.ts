import "server-only";
import { redisReady } from "@switchyard/agents";
import { db, queues } from "./services";

type Probe = "up" | "down";

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), 2000)));
    await Promise.race([check(), timeout]);
    return "up";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database and Redis answer within 2 s each. */
export async function probeServices(): Promise<{ database: Probe; redis: Probe }> {
  const [database, redis] = await Promise.all([
    probe(() => db().$queryRaw`SELECT 1`),
    probe(async () => {
      const { redis: connection } = queues();
      await redisReady(connection, 2000);
      return connection.ping();
    }),
  ]);
  return { database, redis };
}
