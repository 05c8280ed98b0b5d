/** Settings every project shares: integration tests talk to real services and take longer than unit tests. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_test";

export const sharedTestOptions = {
  env: { DATABASE_URL: testDatabaseUrl, TEST_DATABASE_URL: testDatabaseUrl },
  testTimeout: 30_000,
  hookTimeout: 60_000,
};
