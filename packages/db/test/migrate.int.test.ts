import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const base = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_test");
const name = `switchyard_migrate_${randomUUID().slice(0, 8)}`;
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: "/postgres" }).toString() });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/** What the seed test compares between runs; PostgreSQL sends count(*) (bigint) as a string. */
interface SeedSnapshot {
  tenants: unknown;
  ledger: string;
  users: string;
  configs: string;
  keys: string;
  balanced: boolean;
}

/** The operators' and developers' own commands, from the repo root, as users run them. */
function pnpm(...args: string[]) {
  return pnpmWith({}, ...args);
}

function pnpmWith(env: Record<string, string>, ...args: string[]) {
  return run("pnpm", ["--silent", ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, ...env },
    timeout: 60_000,
  });
}

describe("migrations and seed on an empty database", () => {
  it("applies every migration with pnpm db:migrate, and enforces the balance CHECK", async () => {
    const { stdout } = await pnpm("db:migrate");
    expect(stdout).toMatch(/successfully applied/);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const tablesQuery = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1";
      const tables = await db.query<{ tablename: string }>(tablesQuery);
      expect(tables.rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining([
          "tenants",
          "users",
          "memberships",
          "api_keys",
          "agent_configs",
          "agent_runs",
          "credit_ledger_entries",
          "content_items",
          "reviews",
        ]),
      );
      await expect(
        db.query("INSERT INTO tenants (id, slug, name, balance_micros) VALUES (gen_random_uuid(), 'neg', 'neg', -1)"),
      ).rejects.toThrow(/tenants_balance_non_negative/);
      await expect(
        db.query("INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'ok', 'ok')"),
      ).resolves.toBeTruthy();
      const { stdout: again } = await pnpm("db:migrate");
      expect(again).toMatch(/No pending migrations/);
    } finally {
      await db.end();
    }
  });

  it("seeds demo data, and a second seed changes nothing", async () => {
    await pnpm("db:seed");
    const snapshot = async () => {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const { rows } = await db.query<SeedSnapshot>(`SELECT
          (SELECT json_agg(json_build_object('slug', slug, 'balance', balance_micros) ORDER BY slug) FROM tenants)
            AS tenants,
          (SELECT count(*) FROM credit_ledger_entries) AS ledger, (SELECT count(*) FROM users) AS users,
          (SELECT count(*) FROM agent_configs) AS configs, (SELECT count(*) FROM api_keys) AS keys,
          (SELECT bool_and(t.balance_micros = (
            SELECT coalesce(sum(amount_micros), 0) FROM credit_ledger_entries l WHERE l.tenant_id = t.id
          )) FROM tenants t) AS balanced`);
        return rows[0]!;
      } finally {
        await db.end();
      }
    };
    const first = await snapshot();
    await pnpm("db:seed");
    expect(await snapshot()).toEqual(first);
    expect(first.balanced).toBe(true);
    expect(Number(first.configs)).toBe(15);
  });

  it("refuses to seed with NODE_ENV=production unless told explicitly, and then writes no demo keys", async () => {
    const counts = async () => {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const { rows } = await db.query<{ users: string; keys: string }>(
          "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM api_keys) AS keys",
        );
        return rows[0]!;
      } finally {
        await db.end();
      }
    };
    await pnpm("db:migrate");
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("TRUNCATE users, tenants CASCADE");
    await admin.end();

    const production = { NODE_ENV: "production" };
    const refused = await pnpmWith(production, "db:seed").then(
      () => "",
      (error: unknown) => String((error as { stderr?: unknown }).stderr),
    );
    expect(refused).toMatch(/Refusing to seed demo data/);
    await expect(pnpmWith({ ...production, SEED_ALLOW_PRODUCTION: "false" }, "db:seed")).rejects.toBeTruthy();
    expect(await counts()).toEqual({ users: "0", keys: "0" });

    await pnpmWith(production, "db:seed", "--allow-production");
    expect(await counts()).toEqual({ users: "4", keys: "0" });
    await pnpmWith({ ...production, SEED_ALLOW_PRODUCTION: "true" }, "db:seed");
    expect(Number((await counts()).users)).toBe(4);
    // Six pnpm processes in a row: room for a loaded machine, as the file's other tests have.
  }, 90_000);
});
