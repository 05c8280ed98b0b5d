export { createDatabase, createPrismaClient, prisma, type CreatePrismaClientOptions, type Database } from "./client";
export {
  createSql,
  type PreparedStatement,
  type PrismaQueries,
  sqlFromPrisma,
  type Sql,
  type SqlSource,
  toSql,
} from "./sql";
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
export { DEMO_API_KEYS, isDemoApiKey } from "./demo-keys";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type {
  AgentConfig,
  AgentRun,
  ApiKey,
  ContentItem,
  CreditLedgerEntry,
  Invitation,
  Membership,
  MessageBatch,
  Review,
  Tenant,
  User,
} from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { JUDGE_PASS_SCORE, rebuildRollups, recordReviewRollup } from "./analytics/rollup-writes";
export { type FinalRunSource, upsertRunRollup } from "./analytics/rollup-upsert";
export {
  decodeRunCursor,
  encodeRunCursor,
  InvalidRunCursorError,
  listRunPage,
  type RunPage,
  type RunPageQuery,
} from "./run-pages";
export { loadAnalytics } from "./analytics/analytics-queries";
export type { AnalyticsData, AnalyticsFilters, CostFigures } from "./analytics/analytics-types";
