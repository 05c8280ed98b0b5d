import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { dbEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";
import { createSql, type Sql } from "./sql";

export interface CreatePrismaClientOptions {
  /** @defaultValue DATABASE_URL from the environment */
  url?: string;
  /** Connections in this client's pool. @defaultValue 10 */
  poolSize?: number;
}

/** A client on the pg driver adapter (Prisma's TypeScript query compiler: no native engine). */
export function createPrismaClient({ url, poolSize = 10 }: CreatePrismaClientOptions = {}): PrismaClient {
  const connectionString = url ?? dbEnv().DATABASE_URL;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolSize }) });
}

export interface Database {
  prisma: PrismaClient;
  /** Plain SQL on the same pool, for the hot path. */
  sql: Sql;
  disconnect(): Promise<void>;
}

/** Prisma and plain SQL sharing one pg pool: one set of connections per process. */
export function createDatabase({ url, poolSize = 10 }: CreatePrismaClientOptions = {}): Database {
  const pool = new pg.Pool({ connectionString: url ?? dbEnv().DATABASE_URL, max: poolSize });
  // An idle connection dies when PostgreSQL restarts; without a listener that 'error'
  // event would kill the process. The pool drops the client and opens a new one on demand.
  pool.on("error", (error) =>
    console.warn(`[db] an idle database connection was lost (${error.message}); it will be replaced`),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: createSql(pool),
    async disconnect() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

// One client per process, kept on globalThis so Next.js dev reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { switchyardPrisma?: PrismaClient };

/** The process's shared client, created on first use. */
export function prisma(): PrismaClient {
  globalForPrisma.switchyardPrisma ??= createPrismaClient();
  return globalForPrisma.switchyardPrisma;
}
