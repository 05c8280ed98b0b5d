import { defineConfig } from "vitest/config";

/** Tests run against a database of their own, migrated once per run by the global setup. */
const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_test";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    globalSetup: ["./test/global-setup.ts"],
    env: { DATABASE_URL: testDatabaseUrl, TEST_DATABASE_URL: testDatabaseUrl },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
