import type pg from "pg";
import type { PrismaClient } from "./generated/prisma/client";

/**
 * Plain parameterised SQL for the hot path (claim, hold, settle): Prisma's client
 * engine spends ~0.5 ms of CPU on every statement, which capped a worker process at
 * ~100 jobs/s; the same statements through pg on the same pool cost a fraction.
 * BIGINT columns arrive as strings here: read them with Number().
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

export function createSql(pool: pg.Pool): Sql {
  return {
    async query<T>(text: string, values: unknown[] = []) {
      return (await pool.query(text, values)).rows as T[];
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(onClient(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

function onClient(client: pg.PoolClient): Sql {
  return {
    async query<T>(text: string, values: unknown[] = []) {
      return (await client.query(text, values)).rows as T[];
    },
    transaction: (work) => work(onClient(client)),
  };
}

/** The same interface over a Prisma client, for callers that only hold one (tests, scripts). */
export function sqlFromPrisma(db: Pick<PrismaClient, "$queryRawUnsafe" | "$transaction">): Sql {
  const sql: Sql = {
    query: (text, values = []) => db.$queryRawUnsafe(text, ...values),
    transaction: (work) => (db as PrismaClient).$transaction((tx) => work(sqlFromPrisma(tx as unknown as PrismaClient))),
  };
  return sql;
}
