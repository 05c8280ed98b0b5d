import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Drops and recreates a throwaway database (the tests' or the benchmarks', never one a person keeps data in)
 * and applies the committed migrations with the operators' own command. Starting empty every time means a
 * run tests the migration path from nothing and cannot trip on what an earlier checkout left behind: a
 * migration this checkout does not have, or one that failed half-way.
 */
export async function migrateFreshDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name) throw new Error(`a database URL needs a database name: ${url}`);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.end();
  }
  try {
    execFileSync("pnpm", ["--silent", "db:migrate"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`pnpm db:migrate failed on ${name}:\n${String(stdout)}\n${String(stderr)}`, { cause: error });
  }
}
