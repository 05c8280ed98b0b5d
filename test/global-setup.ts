import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";

/**
 * Creates the test database if it is missing and applies the committed migrations to
 * it with the operators' own command, so every run tests the real migration path.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_test";
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/?]+(\?|$)/, "/postgres$1") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const root = fileURLToPath(new URL("..", import.meta.url));
  try {
    execFileSync("pnpm", ["--silent", "db:migrate"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const output = `${String(stdout)}\n${String(stderr)}`;
    throw new Error(`pnpm db:migrate failed on the test database:\n${output}`, { cause: error });
  }
}
