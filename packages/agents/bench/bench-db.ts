import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDatabase, type PrismaClient, type Sql } from "@switchyard/db";
import pg from "pg";
import { parseAgentsEnv, workerDbPoolSize } from "../src/env";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** A database of the benchmarks' own (created and migrated here), so runs never touch dev or test data. */
export async function openBenchDatabase(): Promise<{
  db: PrismaClient;
  sql: Sql;
  url: string;
  close: () => Promise<void>;
}> {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_bench");
  const name = base.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: "/postgres" }).toString() });
  await admin.connect();
  if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount)
    await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = base.toString();
  execFileSync("pnpm", ["--silent", "db:migrate"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
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
