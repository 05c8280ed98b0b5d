export { createDatabase, createPrismaClient, prisma, type CreatePrismaClientOptions, type Database } from "./client";
export { createSql, prepared, type PreparedStatement, sqlFromPrisma, type Sql } from "./sql";
export {
  ledgerKind,
  prepareTyped,
  type RowOf,
  runQuery,
  runTyped,
  type TypedStatement,
  typedSql,
  type DB,
} from "./typed-sql";
export { dbEnv, type DbEnv } from "./env";
export { hashApiKey, hashPassword, verifyPassword } from "./passwords";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type {
  AgentConfig,
  AgentRun,
  ApiKey,
  ContentItem,
  CreditLedgerEntry,
  Membership,
  Review,
  Tenant,
  User,
} from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { rebuildRollups, recordReviewRollup, recordRunRollup, runRollupUpsert } from "./analytics/rollup-writes";
export { type FinalRunSource, upsertRunRollup } from "./analytics/rollup-upsert";
export { loadAnalytics } from "./analytics/analytics-queries";
export type { AnalyticsData, AnalyticsFilters } from "./analytics/analytics-types";
