import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { resolveApiKey } from "../src/api-keys";
import { runKeyCommand } from "../src/cli/key-command";
import { createTestTenant } from "./fixtures";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());
const dev = { isProduction: false };

/** Runs `pnpm sy key …` in this process, collecting what it writes. */
async function sy(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  await runKeyCommand(db, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { out, err };
}

describe("pnpm sy key", () => {
  it("issues, lists, rotates with a grace period and revokes a tenant's keys", async () => {
    const { tenant } = await createTestTenant(db);
    const issued = await sy("issue", "--tenant", tenant.slug, "--name", "deploy bot");
    expect(issued.out).toHaveLength(1);
    const key = issued.out[0] ?? "";
    expect(key).toMatch(/^sy_live_[\w-]{43}$/);
    expect(issued.err.join("\n")).toMatch(/only time the key is shown/);
    const { apiKeyId } = await resolveApiKey(db, key, dev);

    const listed = await sy("list", "--tenant", tenant.slug);
    expect(listed.out[0]).toMatch(/^id\s+prefix\s+state\s+created\s+last used\s+expires\s+name$/);
    expect(listed.out[1]).toContain(apiKeyId);
    expect(listed.out[1]).toMatch(/active.*deploy bot$/);
    expect(listed.out.join("\n")).not.toContain(key);

    const rotated = await sy("rotate", "--tenant", tenant.slug, "--id", apiKeyId, "--grace", "24h");
    const successor = rotated.out[0] ?? "";
    expect(successor).toMatch(/^sy_live_/);
    expect(successor).not.toBe(key);
    const old = await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
    expect((old.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(rotated.err.join("\n")).toContain(old.expiresAt?.toISOString().slice(0, 16));
    await expect(resolveApiKey(db, key, dev)).resolves.toMatchObject({ apiKeyId });
    const newId = (await resolveApiKey(db, successor, dev)).apiKeyId;

    expect((await sy("revoke", "--tenant", tenant.slug, "--id", newId)).out[0]).toMatch(/^revoked sy_live_/);
    expect((await sy("revoke", "--tenant", tenant.slug, "--id", newId)).out[0]).toMatch(/^already revoked/);
    await expect(resolveApiKey(db, successor, dev)).rejects.toMatchObject({ reason: "revoked" });
    expect((await sy("list", "--tenant", tenant.slug)).out.slice(1).map((l) => l.split(/\s+/)[2])).toEqual([
      "revoked",
      "rotating",
    ]);
  });

  it.each([
    [["issue", "--name", "no tenant"], /tenant/],
    [["issue", "--tenant", "x"], /name/],
    [["rotate", "--tenant", "x", "--id", "y", "--grace", "8d"], /at most 7 days/],
    [["rotate", "--tenant", "x", "--id", "y", "--grace", "soon"], /grace/],
    [["rotate", "--tenant", "x", "--id", "y"], /grace/],
    [["delete", "--tenant", "x"], /action/],
    [["issue", "--tenant", "x", "--name", "n", "--owner", "me"], /Unknown option/],
  ])("refuses %j", async (argv, message) => {
    await expect(sy(...argv)).rejects.toThrow(message);
  });

  it("refuses an unknown tenant and another tenant's key", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    await expect(sy("issue", "--tenant", "no-such-tenant", "--name", "x")).rejects.toMatchObject({
      code: "tenant_not_found",
    });
    const theirKey = (await sy("issue", "--tenant", theirs.slug, "--name", "theirs")).out[0] ?? "";
    const { apiKeyId } = await resolveApiKey(db, theirKey, dev);
    await expect(sy("revoke", "--tenant", mine.slug, "--id", apiKeyId)).rejects.toMatchObject({
      code: "api_key_not_found",
    });
    await expect(resolveApiKey(db, theirKey, dev)).resolves.toMatchObject({ tenantId: theirs.id });
  });

  it("works as people run it: the key alone on standard output, the notes on standard error", async () => {
    const { tenant } = await createTestTenant(db);
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const { stdout, stderr } = await promisify(execFile)(
      "pnpm",
      ["exec", "tsx", cli, "key", "issue", "--tenant", tenant.slug, "--name", "from a shell"],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), env: process.env, timeout: 60_000 },
    );
    const key = stdout.trim();
    await expect(resolveApiKey(db, key, dev)).resolves.toMatchObject({ tenantId: tenant.id });
    expect(stderr).toMatch(/Issued "from a shell"/);
    const failed = await promisify(execFile)("pnpm", ["exec", "tsx", cli, "key", "list", "--tenant", "nope"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: process.env,
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/tenant_not_found/);
  });
});
