export { createPrismaClient, disconnectPrisma, prisma, type CreatePrismaClientOptions } from "./client";
export { dbEnv, type DbEnv } from "./env";
export { hashPassword, verifyPassword } from "./passwords";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/models";
export * from "./generated/prisma/enums";
