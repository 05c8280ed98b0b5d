export { createPrismaClient, disconnectPrisma, prisma, type CreatePrismaClientOptions } from "./client";
export { dbEnv, type DbEnv } from "./env";
export { hashPassword, verifyPassword } from "./passwords";
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
