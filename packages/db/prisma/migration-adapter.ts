import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

/**
 * The driver adapter Prisma's JavaScript schema engine migrates through, so
 * migrations need no native engine download. It mends two gaps of the stock PrismaPg
 * factory for migrations (upstream prisma/orm#27403 and the shadow database):
 */

// 1. Catalog queries return types the adapter cannot map ('name', 'regclass', …). They
//    are plain text on the wire, so they are reported as text (name[] as text[]). The
//    one-byte "char" type (pg_constraint.contype) must reach the engine as a character,
//    or its introspection of CHECK constraints panics; the adapter has no OID for that,
//    so such columns are marked after its own mapping.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const CHAR = 18;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const CATALOG_TYPE_AS: Record<number, number> = {
  [CHAR]: TEXT,
  19: TEXT,
  24: TEXT,
  28: TEXT,
  194: TEXT,
  2205: TEXT,
  2206: TEXT,
  2277: TEXT,
  1003: TEXT_ARRAY,
};
const charColumns = Symbol("charColumns");

interface PgResult {
  fields?: { dataTypeID: number }[];
  rows: unknown[] & { [charColumns]?: number[] };
}
interface PatchableQueryable {
  performIO(query: unknown): Promise<PgResult>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: PgResult["rows"] }>;
  startTransaction?(...args: unknown[]): Promise<PatchableQueryable>;
  dispose(): Promise<void>;
}

function mapCatalogTypes<T>(queryable: T): T {
  const q = queryable as unknown as PatchableQueryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const fields = result.fields ?? [];
    const chars = fields.flatMap((field, i) => (field.dataTypeID === CHAR ? [i] : []));
    if (chars.length > 0) result.rows[charColumns] = chars;
    for (const field of fields) field.dataTypeID = CATALOG_TYPE_AS[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of resultSet.rows[charColumns] ?? []) resultSet.columnTypes[i] = CHARACTER_COLUMN;
    return resultSet;
  };
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) q.startTransaction = async (...args) => mapCatalogTypes(await startTransaction(...args));
  return queryable;
}

/**
 * 2. The shadow database must be reached with discrete connection fields (a
 *    connectionString would win over the database name and point at the main
 *    database), and dropped only after its pool is closed, with FORCE.
 */
export function createMigrationAdapter(config: pg.PoolConfig) {
  const factory = new PrismaPg(config);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg" as const,
    async connect() {
      return mapCatalogTypes(await factory.connect());
    },
    async connectToShadowDb() {
      const admin = await factory.connect();
      const database = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = mapCatalogTypes(await new PrismaPg({ ...config, database }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

/** Discrete pg fields from a postgres URL; `allowExitOnIdle` lets the CLI exit once done. */
export function poolConfigFromUrl(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1),
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
    allowExitOnIdle: true,
  };
}
