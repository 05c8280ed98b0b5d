import { parseArgs } from "node:util";
import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import {
  type ApiKeySummary,
  GraceDurationSchema,
  issueApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
} from "../api-keys";
import { describeIssues, InvalidPayloadError, TenantNotFoundError } from "../lib/errors";

export const KEY_USAGE = `  pnpm sy key issue  --tenant <slug> --name <name>   (prints the new key once, on stdout)
  pnpm sy key list   --tenant <slug>
  pnpm sy key revoke --tenant <slug> --id <key id>    (stops the key at once)
  pnpm sy key rotate --tenant <slug> --id <key id> --grace <0|90m|24h|7d>
      (prints the successor once; the old key works for the grace period, at most 7 days)`;

/** Where the command writes: the key (or table) to `out`, notes for the person to `err`. */
export interface KeyCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const KeyArgsSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("issue"), tenant: z.string().min(1), name: z.string() }).strict(),
  z.object({ action: z.literal("list"), tenant: z.string().min(1) }).strict(),
  z.object({ action: z.literal("revoke"), tenant: z.string().min(1), id: z.string() }).strict(),
  z
    .object({ action: z.literal("rotate"), tenant: z.string().min(1), id: z.string(), grace: GraceDurationSchema })
    .strict(),
]);

function parseKeyArgs(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: "string" },
      name: { type: "string" },
      id: { type: "string" },
      grace: { type: "string" },
    },
  });
  const parsed = KeyArgsSchema.safeParse({ action: positionals[0], ...values });
  if (parsed.success) return parsed.data;
  const error = new InvalidPayloadError("key command", describeIssues(parsed.error.issues, "command"));
  error.message += `\n\nUsage:\n${KEY_USAGE}`;
  throw error;
}

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "—");

function table(keys: ApiKeySummary[]): string[] {
  const rows = keys.map((k) => [
    k.id,
    k.prefix,
    k.state,
    when(k.createdAt),
    when(k.lastUsedAt),
    when(k.expiresAt),
    k.name,
  ]);
  const header = ["id", "prefix", "state", "created", "last used", "expires", "name"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/**
 * `pnpm sy key …`: the operators' command line for a tenant's API keys. The CLI runs with the database's own
 * credentials, so it acts as an operator (any tenant, by slug); every input goes through the same zod schemas
 * as the dashboard's owners.
 */
export async function runKeyCommand(db: PrismaClient, argv: string[], io: KeyCommandIo): Promise<void> {
  const args = parseKeyArgs(argv);
  const tenant = await db.tenant.findUnique({ where: { slug: args.tenant }, select: { id: true, slug: true } });
  if (!tenant) throw new TenantNotFoundError(args.tenant);
  const actor = { tenantId: tenant.id };
  switch (args.action) {
    case "issue": {
      const { apiKey, secret } = await issueApiKey(db, actor, { name: args.name });
      io.out(secret);
      io.err(`Issued "${apiKey.name}" for ${tenant.slug} (id ${apiKey.id}, prefix ${apiKey.prefix}).`);
      io.err("This is the only time the key is shown: store it now.");
      return;
    }
    case "list":
      for (const line of table(await listApiKeys(db, tenant.id))) io.out(line);
      return;
    case "revoke": {
      const { apiKey, isDuplicate } = await revokeApiKey(db, actor, { keyId: args.id });
      io.out(
        `${isDuplicate ? "already revoked" : "revoked"} ${apiKey.prefix} (${apiKey.name}) at ${when(apiKey.revokedAt)}`,
      );
      return;
    }
    case "rotate": {
      const { apiKey, secret, previous } = await rotateApiKey(db, actor, { keyId: args.id, graceMinutes: args.grace });
      io.out(secret);
      io.err(`Rotated "${apiKey.name}" for ${tenant.slug}: the new key is id ${apiKey.id}, prefix ${apiKey.prefix}.`);
      io.err(`The old key ${previous.prefix} works until ${when(previous.expiresAt)}, then stops.`);
      io.err("This is the only time the new key is shown: store it now.");
      return;
    }
  }
}
