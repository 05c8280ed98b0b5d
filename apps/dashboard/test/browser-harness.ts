import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

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
