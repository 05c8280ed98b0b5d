import { parseArgs } from "node:util";
import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { addPerson, findTenant, invitationUrl, listMembers, reissueInvitation } from "../tenants";
import type { CommandIo } from "./tenant-command";
import { isoMinute, textTable } from "./text-table";

export const USER_USAGE = `  pnpm sy user add    --tenant <slug> --email <email> --role <owner|editor|viewer>
                      [--name <name>]
      (someone new needs --name; prints their one-time link to set a password, on stdout)
  pnpm sy user list   --tenant <slug>
  pnpm sy user invite --email <email>   (a new link for someone who has not set a password; older links stop)`;

/** What the user commands need beyond the database: the link's lifetime and the dashboard's address. */
export interface UserCommandSettings {
  invitationTtlHours: number;
  dashboardUrl: string;
}

const UserArgsSchema = z.discriminatedUnion("action", [
  z
    .object({
      action: z.literal("add"),
      tenant: z.string().min(1),
      email: z.string(),
      role: z.string(),
      name: z.string().optional(),
    })
    .strict(),
  z.object({ action: z.literal("list"), tenant: z.string().min(1) }).strict(),
  z.object({ action: z.literal("invite"), email: z.string() }).strict(),
]);

function parseUserArgs(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
    },
  });
  const parsed = UserArgsSchema.safeParse({ action: positionals[0], ...values });
  if (parsed.success) return parsed.data;
  const error = new InvalidPayloadError("user command", describeIssues(parsed.error.issues, "command"));
  error.message += `\n\nUsage:\n${USER_USAGE}`;
  throw error;
}

/**
 * `pnpm sy user …`: operators add people to tenants. A new person's link is printed alone on standard output
 * (for a pipe), the notes on standard error; the link is kept only as a hash, so this is the one time it shows.
 */
export async function runUserCommand(
  db: PrismaClient,
  argv: string[],
  io: CommandIo,
  settings: UserCommandSettings,
): Promise<void> {
  const args = parseUserArgs(argv);
  const actor = { invitationTtlHours: settings.invitationTtlHours };
  switch (args.action) {
    case "add": {
      const added = await addPerson(
        db,
        actor,
        { slug: args.tenant },
        { email: args.email, name: args.name, role: args.role },
      );
      if (added.invitation) {
        io.out(invitationUrl(settings.dashboardUrl, added.invitation.token));
        io.err(`Added ${added.email} to ${args.tenant} as ${added.role}.`);
        const until = isoMinute(added.invitation.expiresAt);
        io.err(`Give them the link above: it sets their password once and stops at ${until}.`);
        io.err("This is the only time the link is shown.");
      } else {
        const others = added.otherTenants.length ? ` (already in ${added.otherTenants.join(", ")})` : "";
        io.out(`added existing person ${added.email}${others} to ${args.tenant} as ${added.role}`);
      }
      return;
    }
    case "list": {
      const tenant = await findTenant(db, { slug: args.tenant });
      const members = (await listMembers(db, [tenant.id])).get(tenant.id) ?? [];
      const rows = members.map((m) => [
        m.email,
        m.name,
        m.role,
        m.state === "invited" ? `invited, link until ${isoMinute(m.invitationExpiresAt)}` : m.state.replace("_", " "),
      ]);
      for (const line of textTable(["email", "name", "role", "state"], rows)) io.out(line);
      return;
    }
    case "invite": {
      const link = await reissueInvitation(db, actor, { email: args.email });
      io.out(invitationUrl(settings.dashboardUrl, link.token));
      io.err(`A new link for ${link.email}, working until ${isoMinute(link.expiresAt)}; their older links stop now.`);
      return;
    }
  }
}
