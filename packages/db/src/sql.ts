import type pg from "pg";
import type { PrismaClient } from "./generated/prisma/client";

/**
 * Plain parameterised SQL for the hot path (claim, hold, settle): Prisma's client
 * engine spends ~0.5 ms of CPU on every statement, which capped a worker process at
 * ~100 jobs/s; the same statements through pg on the same pool cost a fraction.
 * BIGINT columns arrive as strings here: read them with Number().
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string | PreparedStatement, values?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

/** A statement prepared once per connection under its name, then only bound and run (see typed-sql.ts). */
export interface PreparedStatement {
  name: string;
  text: string;
}

const toQuery = (text: string | PreparedStatement, values: unknown[]) =>
  typeof text === "string" ? { text, values } : { ...text, values };

export function createSql(pool: pg.Pool): Sql {
  return {
    async query<T>(text: string | PreparedStatement, values: unknown[] = []) {
      return (await pool.query(toQuery(text, values))).rows as T[];
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>) {
      const client = await pool.connect();
      // A connection that dies mid-transaction (a database restart) emits 'error' as
      // well as failing the pending query; the query's rejection is what we act on.
      let lost: Error | undefined;
      const onLost = (error: Error) => void (lost = error);
      client.on("error", onLost);
      try {
        await client.query("BEGIN");
        const result = await work(onClient(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.off("error", onLost);
        // A broken connection is destroyed rather than returned to the pool.
        client.release(lost);
      }
    },
  };
}

function onClient(client: pg.PoolClient): Sql {
  return {
    async query<T>(text: string | PreparedStatement, values: unknown[] = []) {
      return (await client.query(toQuery(text, values))).rows as T[];
    },
    transaction: (work) => work(onClient(client)),
  };
}

/** The same interface over a Prisma client, for callers that only hold one (tests, scripts, the dashboard). */
export function sqlFromPrisma(db: PrismaQueries): Sql {
  return {
    query: (text, values = []) => db.$queryRawUnsafe(typeof text === "string" ? text : text.text, ...values),
    // A client without $transaction is one already inside a transaction: the work joins it.
    transaction: (work) =>
      db.$transaction
        ? (db as PrismaClient).$transaction((tx) => work(sqlFromPrisma(tx as unknown as PrismaClient)))
        : work(sqlFromPrisma(db)),
  };
}

/** A Prisma client, or the client of one of its interactive transactions. */
export type PrismaQueries = Pick<PrismaClient, "$queryRawUnsafe"> & Partial<Pick<PrismaClient, "$transaction">>;

/** Where SQL can be run: plain pg (the hot path) or a Prisma client (tests, scripts, the dashboard). */
export type SqlSource = Sql | PrismaQueries;

export function toSql(source: SqlSource): Sql {
  return "query" in source ? source : sqlFromPrisma(source);
}
