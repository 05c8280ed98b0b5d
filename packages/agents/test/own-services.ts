import { execFileSync, spawn } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * PostgreSQL and Redis instances of a test's own, on loopback, so it can stop and
 * restart them without disturbing anything else using the machine's services. Redis
 * keeps an append-only file (fsync on every write), as production Redis for BullMQ
 * must; PostgreSQL gets the committed migrations through `pnpm db:migrate`.
 */
/** The newest installed PostgreSQL's binaries (Debian layout), as scripts/lib.sh picks the cluster. */
const PG_BIN =
  process.env.PG_BIN ??
  `/usr/lib/postgresql/${readdirSync("/usr/lib/postgresql")
    .sort((a, b) => Number(a) - Number(b))
    .at(-1)}/bin`;
const root = fileURLToPath(new URL("../../..", import.meta.url));
const isRoot = userInfo().uid === 0;

/** initdb and postgres refuse to run as root; run them as the postgres user then. */
function asPostgres(command: string, args: string[]): string[] {
  return isRoot ? ["runuser", "-u", "postgres", "--", command, ...args] : [command, ...args];
}

function run(argv: string[]): void {
  execFileSync(argv[0]!, argv.slice(1), { stdio: "pipe" });
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

export interface OwnPostgres {
  url: string;
  stop(): void;
  start(): Promise<void>;
  destroy(): void;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-pg-"));
  if (isRoot)
    chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
      Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
    );
  const data = join(dir, "data");
  const port = freePort();
  run(asPostgres(`${PG_BIN}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]));
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200`;
  const pgCtl = (...args: string[]) =>
    run(asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-l", join(dir, "log"), ...args]));
  const isReady = () => {
    try {
      execFileSync(`${PG_BIN}/pg_isready`, ["-h", "127.0.0.1", "-p", String(port)], { stdio: "pipe" });
      return true;
    } catch {
      return false;
    }
  };
  const start = async () => {
    pgCtl("-o", options, "-w", "start");
    await waitUntil(isReady, "PostgreSQL");
  };
  await start();
  run([`${PG_BIN}/createdb`, "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "switchyard"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/switchyard`;
  execFileSync("pnpm", ["--silent", "db:migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return {
    url,
    stop: () => pgCtl("-m", "fast", "-w", "stop"),
    start,
    destroy: () => {
      try {
        pgCtl("-m", "immediate", "-w", "stop");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-redis-"));
  const port = freePort();
  let child: ReturnType<typeof spawn> | undefined;
  const isReady = () => {
    try {
      return execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "pipe" })
        .toString()
        .includes("PONG");
    } catch {
      return false;
    }
  };
  const start = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
        "--maxmemory-policy",
        "noeviction",
      ],
      { stdio: "ignore" },
    );
    await waitUntil(isReady, "Redis");
  };
  const stop = async () => {
    const exited = new Promise((r) => child?.once("exit", r));
    child?.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    destroy: async () => {
      if (child && child.exitCode === null) await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
