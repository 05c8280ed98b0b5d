import { migrateFreshDatabase } from "../packages/db/src/fresh-database.ts";

/**
 * The tests' own database, recreated empty and migrated with the operators' own command once per run, so every
 * run tests the real migration path from nothing, whatever an earlier run or checkout left in it.
 */
export default async function setup(): Promise<void> {
  await migrateFreshDatabase(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_test");
}
