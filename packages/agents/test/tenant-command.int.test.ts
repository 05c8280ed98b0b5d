import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { runTenantCommand } from "../src/cli/tenant-command";
import { runUserCommand } from "../src/cli/user-command";
import { acceptInvitation, readInvitation } from "../src/tenants";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

const settings = { invitationTtlHours: 48, dashboardUrl: "https://switchyard.example.test/" };
const slug = () => `cli-${randomUUID().slice(0, 12)}`;
const email = () => `cli-${randomUUID().slice(0, 12)}@example.test`;

/** Runs `pnpm sy tenant|user …` in this process, collecting what it writes. */
async function sy(command: "tenant" | "user", ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  if (command === "tenant") await runTenantCommand(db, argv, io);
  else await runUserCommand(db, argv, io, settings);
  return { out, err };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("pnpm sy tenant", () => {
  it("creates a tenant with floors, lists it, archives it and restores it", async () => {
    const s = slug();
    const created = await sy(
      "tenant",
      "create",
      "--slug",
      s,
      "--name",
      "Corner Bakery",
      "--baseline",
      "claude-opus-4-7",
      "--floor",
      "claude-sonnet-4-6",
      "--floor",
      "social-post-writer=claude-haiku-4-5-20251001",
    );
    expect(created.out[1]).toMatch(new RegExp(`${s}\\s+Corner Bakery\\s+claude-opus-4-7\\s+0\\s+no$`));
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: s }, include: { configs: true } });
    const floors = Object.fromEntries(tenant.configs.map((c) => [c.role, c.model]));
    expect(floors).toEqual({
      "blog-writer": "claude-sonnet-4-6",
      "social-post-writer": "claude-haiku-4-5-20251001",
      "email-writer": "claude-sonnet-4-6",
      "strategy-writer": "claude-sonnet-4-6",
      "context-file-writer": "claude-sonnet-4-6",
    });
    expect(created.err.join("\n")).toContain(`pnpm sy user add --tenant ${s}`);
    const listed = await sy("tenant", "list");
    expect(listed.out.find((l) => l.startsWith(`${s} `))).toMatch(/Corner Bakery.*active$/);

    expect((await sy("tenant", "archive", "--tenant", s)).out).toEqual([`archived ${s}`]);
    expect((await sy("tenant", "archive", "--tenant", s)).out).toEqual([`already archived ${s}`]);
    expect((await sy("tenant", "list")).out.find((l) => l.startsWith(`${s} `))).toMatch(/archived \d{4}-/);
    await expect(
      sy("user", "add", "--tenant", s, "--email", email(), "--name", "N", "--role", "owner"),
    ).rejects.toMatchObject({ code: "tenant_archived" });
    expect((await sy("tenant", "restore", "--tenant", s)).out).toEqual([`restored ${s}`]);
    const logged = await db.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });
    // The repeated archive changed nothing and logged nothing.
    expect(logged.map((e) => [e.action, e.actor])).toEqual([
      ["tenant.create", "cli"],
      ["tenant.archive", "cli"],
      ["tenant.restore", "cli"],
    ]);
  });

  it.each([
    [["create", "--name", "no slug"], /slug/],
    [["create", "--slug", "Bad Slug", "--name", "x"], /slug/],
    [["create", "--slug", "fine-slug", "--name", "x", "--floor", "poet=claude-sonnet-4-6"], /floors/],
    [["create", "--slug", "fine-slug", "--name", "x", "--floor", "gpt-4"], /choose one of/],
    [["archive"], /tenant/],
    [["delete", "--tenant", "x"], /action/],
    [["create", "--slug", "s", "--name", "n", "--owner", "me"], /Unknown option/],
  ])("refuses %j", async (argv, message) => {
    await expect(sy("tenant", ...argv)).rejects.toThrow(message);
  });

  it("refuses a taken slug and an unknown tenant", async () => {
    const s = slug();
    await sy("tenant", "create", "--slug", s, "--name", "First");
    await expect(sy("tenant", "create", "--slug", s, "--name", "Second")).rejects.toMatchObject({
      code: "tenant_slug_taken",
    });
    await expect(sy("tenant", "archive", "--tenant", "no-such-tenant")).rejects.toMatchObject({
      code: "tenant_not_found",
    });
  });
});

describe("pnpm sy user", () => {
  it("adds someone new with a one-time link on stdout, lists them, and adds an existing person by email", async () => {
    const first = slug();
    const second = slug();
    await sy("tenant", "create", "--slug", first, "--name", "First");
    await sy("tenant", "create", "--slug", second, "--name", "Second");
    const address = email();
    const added = await sy("user", "add", "--tenant", first, "--email", address, "--name", "Dee", "--role", "owner");
    expect(added.out).toHaveLength(1);
    const link = added.out[0] ?? "";
    expect(link).toMatch(/^https:\/\/switchyard\.example\.test\/invite\/syinv_[\w-]{43}$/);
    expect(added.err.join("\n")).toMatch(/only time the link is shown/);
    const { expiresAt } = await readInvitation(db, tokenOf(link));
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(48 * 3600_000 - 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(48 * 3600_000);

    expect((await sy("user", "list", "--tenant", first)).out[1]).toMatch(
      new RegExp(`^${address}\\s+Dee\\s+owner\\s+invited, link until`),
    );
    await acceptInvitation(db, { token: tokenOf(link), password: "correct horse battery" });
    expect((await sy("user", "list", "--tenant", first)).out[1]).toMatch(/owner\s+active$/);

    const existing = await sy("user", "add", "--tenant", second, "--email", address, "--role", "viewer");
    expect(existing.out).toEqual([`added existing person ${address} (already in ${first}) to ${second} as viewer`]);
    await expect(sy("user", "add", "--tenant", second, "--email", address, "--role", "editor")).rejects.toMatchObject({
      code: "already_member",
    });
    await expect(sy("user", "invite", "--email", address)).rejects.toThrow(/already set a password/);
  });

  it.each([
    [["add", "--tenant", "x", "--email", "a@example.test"], /role/],
    [["add", "--tenant", "x", "--email", "a@example.test", "--role", "boss", "--name", "n"], /owner, editor or viewer/],
    [["add", "--email", "a@example.test", "--role", "viewer"], /tenant/],
    [["invite"], /email/],
  ])("refuses %j", async (argv, message) => {
    const s = slug();
    await sy("tenant", "create", "--slug", s, "--name", s);
    const withTenant = argv.map((a) => (a === "x" ? s : a));
    await expect(sy("user", ...withTenant)).rejects.toThrow(message);
  });

  it("works as people run it: the link alone on standard output, the notes on standard error", async () => {
    const s = slug();
    await sy("tenant", "create", "--slug", s, "--name", s);
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const address = email();
    const { stdout, stderr } = await promisify(execFile)(
      "pnpm",
      ["exec", "tsx", cli, "user", "add", "--tenant", s, "--email", address, "--name", "Shell", "--role", "editor"],
      {
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        env: { ...process.env, DASHBOARD_URL: "http://dash.example.test:8080", INVITATION_TTL_HOURS: "2" },
        timeout: 60_000,
      },
    );
    const link = stdout.trim();
    expect(link).toMatch(/^http:\/\/dash\.example\.test:8080\/invite\/syinv_/);
    const { email: invited, expiresAt } = await readInvitation(db, tokenOf(link));
    expect(invited).toBe(address);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
    expect(stderr).toMatch(/Added .* as editor/);
  });
});
