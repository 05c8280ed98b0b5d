import { PrismaPg } from "@prisma/adapter-pg";
import { dbEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

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

// One client per process, kept on globalThis so Next.js dev reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { switchyardPrisma?: PrismaClient };

/** The process's shared client, created on first use. */
export function prisma(): PrismaClient {
  globalForPrisma.switchyardPrisma ??= createPrismaClient();
  return globalForPrisma.switchyardPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.switchyardPrisma?.$disconnect();
  globalForPrisma.switchyardPrisma = undefined;
}
