import { createDatabase, type PrismaClient, type Sql } from "@switchyard/db";
import { migrateFreshDatabase } from "@switchyard/db/fresh-database";
import { parseAgentsEnv, workerDbPoolSize } from "../src/env";

/** The benchmarks' own database (recreated empty and migrated at every run): runs never touch dev or test data. */
export async function openBenchDatabase(): Promise<{
  db: PrismaClient;
  sql: Sql;
  url: string;
  close: () => Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_bench";
  await migrateFreshDatabase(url);
  process.env.DATABASE_URL = url;
  const database = createDatabase({ url, poolSize: 60 });
  return { db: database.prisma, sql: database.sql, url, close: () => database.disconnect() };
}

/**
 * A pool sized as `pnpm worker` sizes its own for `totalConcurrency` job slots, for the benches that stand in
 * for a worker.
 */
export function openWorkerDatabase(totalConcurrency: number) {
  const poolSize = workerDbPoolSize(parseAgentsEnv(), totalConcurrency);
  return { poolSize, ...createDatabase({ url: process.env.DATABASE_URL, poolSize }) };
}
