import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createTestTenant } from "@switchyard/agents/testing";
import { hashPassword, type PrismaClient } from "@switchyard/db";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL("../../../artifacts/screenshots", import.meta.url));

const STANDALONE_SERVER = "apps/dashboard/.next/standalone/apps/dashboard/server.js";

/**
 * The built dashboard on a free port, on the test database and a private queue prefix: served by `next start`,
 * or by `standalone` — the traced server.js that production and the image run. `output` collects what the
 * server logs (for secret-leak checks).
 */
export async function startDashboard(
  prefix: string,
  env: Record<string, string> = {},
  server: "next-start" | "standalone" = "next-start",
): Promise<{ url: string; sessionSecret: string; output: () => string; stop: () => Promise<void> }> {
  if (!existsSync(`${appDir}/.next/BUILD_ID`))
    throw new Error(
      "The dashboard is not built: run `pnpm --filter @switchyard/dashboard build` (scripts/test.sh does).",
    );
  const port = 3100 + Math.floor(Math.random() * 800);
  const sessionSecret = randomUUID() + randomUUID();
  const args =
    server === "standalone"
      ? [fileURLToPath(new URL(`../../../${STANDALONE_SERVER}`, import.meta.url))]
      : [require_next(), "start", "-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: appDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      QUEUE_PREFIX: prefix,
      SESSION_SECRET: sessionSecret,
      SESSION_COOKIE_SECURE: "false",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logged: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => logged.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => {
    logged.push(chunk.toString("utf8"));
    process.stderr.write(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/sign-in`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    sessionSecret,
    output: () => logged.join(""),
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

function require_next(): string {
  return fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url));
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Signs in through the form as `email`, waits for the agents page it lands on, then opens `path` if one is given. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  path?: string,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/agents/);
  if (path) await page.goto(`${baseUrl}${path}`);
  return page;
}

/**
 * For a test file about one page: the served dashboard, Chromium, and a new tenant with an owner and a viewer,
 * started before its tests and stopped after them. `signIn` opens `path` as one of the two.
 */
export function useOwnerAndViewer(db: PrismaClient, label: string, path: string) {
  const password = `browser-${label}-password`;
  const started: {
    dashboard?: Awaited<ReturnType<typeof startDashboard>>;
    browser?: Browser;
    tenant?: { id: string; name: string };
  } = {};
  const ownerEmail = `owner-${randomUUID().slice(0, 8)}@example.test`;
  const viewerEmail = `viewer-${randomUUID().slice(0, 8)}@example.test`;
  beforeAll(async () => {
    started.dashboard = await startDashboard(`${label}-e2e-${randomUUID().slice(0, 8)}`);
    started.browser = await launchChromium();
    const { tenant } = await createTestTenant(db);
    started.tenant = tenant;
    const passwordHash = await hashPassword(password);
    for (const [email, role] of [
      [ownerEmail, "owner"],
      [viewerEmail, "viewer"],
    ] as const) {
      await db.user.create({
        data: { email, name: role, passwordHash, memberships: { create: { tenantId: tenant.id, role } } },
      });
    }
  }, 120_000);
  // A beforeAll that failed part-way leaves the later of these unset.
  afterAll(async () => {
    await started.browser?.close();
    await started.dashboard?.stop();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is used before its beforeAll started it`);
    return value;
  };
  return {
    ownerEmail,
    viewerEmail,
    dashboard: () => ready(started.dashboard, "the dashboard"),
    tenant: () => ready(started.tenant, "the tenant"),
    signIn: (email: string) =>
      signIn(ready(started.browser, "Chromium"), ready(started.dashboard, "the dashboard").url, email, password, path),
  };
}
