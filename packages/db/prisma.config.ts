import "./prisma/unref-engine-timers";
import "./src/load-env";
import { defineConfig } from "prisma/config";
import { dbEnv } from "./src/env";
import { createMigrationAdapter, poolConfigFromUrl } from "./prisma/migration-adapter";

// The CLI checks for native engines it never runs here (the client compiles queries in
// TypeScript; the schema engine is WASM behind the adapter below) and downloads them
// when missing. Pointing the checks at an existing file keeps every command offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx src/seed.ts" },
  adapter: () => Promise.resolve(createMigrationAdapter(poolConfigFromUrl(dbEnv().DATABASE_URL))),
});
