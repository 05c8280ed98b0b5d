import { parseArgs } from "node:util";
import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { AGENT_ROLES } from "../lib/agent-roles";
import { archiveTenant, createTenant, listTenants, restoreTenant, type TenantSummary } from "../tenants";
import { isoMinute, textTable } from "./text-table";

export const TENANT_USAGE = `  pnpm sy tenant create  --slug <slug> --name <name> [--baseline <model>] [--floor <model>]
                         [--floor <role>=<model> …]   (a bare --floor sets every role; default Haiku 4.5)
  pnpm sy tenant list
  pnpm sy tenant archive --tenant <slug>   (keeps its data; new jobs and changes are refused)
  pnpm sy tenant restore --tenant <slug>`;

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const TenantArgsSchema = z.discriminatedUnion("action", [
  z
    .object({
      action: z.literal("create"),
      slug: z.string(),
      name: z.string(),
      baseline: z.string().optional(),
      floor: z.array(z.string()).optional(),
    })
    .strict(),
  z.object({ action: z.literal("list") }).strict(),
  z.object({ action: z.enum(["archive", "restore"]), tenant: z.string().min(1) }).strict(),
]);

function usageError(issues: string[]): InvalidPayloadError {
  const error = new InvalidPayloadError("tenant command", issues);
  error.message += `\n\nUsage:\n${TENANT_USAGE}`;
  return error;
}

function parseTenantArgs(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: "string" },
      name: { type: "string" },
      baseline: { type: "string" },
      floor: { type: "string", multiple: true },
      tenant: { type: "string" },
    },
  });
  const parsed = TenantArgsSchema.safeParse({ action: positionals[0], ...values });
  if (!parsed.success) throw usageError(describeIssues(parsed.error.issues, "command"));
  return parsed.data;
}

/** `--floor haiku-id` sets every role, `--floor blog-writer=sonnet-id` one role; later flags win. */
function floorsFrom(flags: string[]): Record<string, string> {
  const floors: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf("=");
    if (at === -1) for (const role of AGENT_ROLES) floors[role] = flag;
    else floors[flag.slice(0, at)] = flag.slice(at + 1);
  }
  return floors;
}

function describe(t: TenantSummary): string[] {
  return textTable(
    ["id", "slug", "name", "baseline", "members", "archived"],
    [[t.id, t.slug, t.name, t.baselineModel, String(t.members), t.archivedAt ? isoMinute(t.archivedAt) : "no"]],
  );
}

/**
 * `pnpm sy tenant …`: operators create, list, archive and restore tenants. Input goes through the same zod
 * schema as the dashboard's operator page; a floor names an unknown role or model is refused with the list.
 */
export async function runTenantCommand(db: PrismaClient, argv: string[], io: CommandIo): Promise<void> {
  const args = parseTenantArgs(argv);
  switch (args.action) {
    case "create": {
      const floors = floorsFrom(args.floor ?? []);
      const tenant = await createTenant(db, { slug: args.slug, name: args.name, baselineModel: args.baseline, floors });
      for (const line of describe(tenant)) io.out(line);
      io.err(`Floors: ${AGENT_ROLES.map((r) => `${r}=${tenant.floors[r] ?? "?"}`).join(", ")}`);
      io.err(`Next: pnpm sy user add --tenant ${tenant.slug} --email <email> --name <name> --role owner`);
      return;
    }
    case "list": {
      const rows = (await listTenants(db)).map((t) => [
        t.slug,
        t.name,
        t.baselineModel,
        String(t.members),
        t.archivedAt ? `archived ${isoMinute(t.archivedAt)}` : "active",
      ]);
      for (const line of textTable(["slug", "name", "baseline", "members", "state"], rows)) io.out(line);
      return;
    }
    case "archive":
    case "restore": {
      const change = args.action === "archive" ? archiveTenant : restoreTenant;
      const { tenant, isDuplicate } = await change(db, { slug: args.tenant });
      const done = args.action === "archive" ? "archived" : "restored";
      io.out(`${isDuplicate ? `already ${done}` : done} ${tenant.slug}`);
      if (args.action === "archive" && !isDuplicate)
        io.err("Runs already queued still run; new jobs, reviews and changes are refused until it is restored.");
      return;
    }
  }
}
