import { randomBytes } from "node:crypto";
import { hashApiKey, hashPassword, type Prisma, type PrismaClient } from "@switchyard/db";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { InvitationRefusedError, type InvitationRefusal } from "./tenant-errors";
import { NewPasswordSchema } from "./tenant-schemas";

/** Every link's token starts so: 32 random bytes, base64url, after it. */
export const INVITATION_TOKEN_PREFIX = "syinv_";

/** A link just made: `token` is shown once (in the link) and only its SHA-256 is kept. */
export interface IssuedInvitation {
  token: string;
  expiresAt: Date;
}

export interface InvitationOptions {
  ttlHours: number;
  now?: Date;
  createdById?: string | null;
}

/** Where the person opens their link: the dashboard's `/invite/<token>` page. */
export function invitationUrl(dashboardUrl: string, token: string): string {
  return `${dashboardUrl.replace(/\/+$/, "")}/invite/${token}`;
}

/**
 * Makes a new one-time link for a person who has not set a password, and ends their older links, so only the
 * newest works. The token is 32 random bytes, kept only as its SHA-256 (a fast hash suffices for 256 random bits).
 */
export async function issueInvitation(
  tx: Prisma.TransactionClient,
  target: { userId: string; tenantId: string },
  { ttlHours, now = new Date(), createdById = null }: InvitationOptions,
): Promise<IssuedInvitation> {
  const token = `${INVITATION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await tx.invitation.updateMany({
    where: { userId: target.userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  await tx.invitation.create({
    data: { ...target, tokenHash: hashApiKey(token), createdById, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** What the link's page shows before the person chooses a password: who it is for, or why it does not work. */
export async function readInvitation(
  db: PrismaClient,
  token: string,
  now = new Date(),
): Promise<{ email: string; name: string; expiresAt: Date }> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashApiKey(token) },
    include: { user: { select: { email: true, name: true, passwordHash: true } } },
  });
  const refusal = refusalOf(invitation, now);
  if (refusal || !invitation) throw new InvitationRefusedError(refusal ?? "unknown");
  return { email: invitation.user.email, name: invitation.user.name, expiresAt: invitation.expiresAt };
}

function refusalOf(
  invitation: { usedAt: Date | null; expiresAt: Date; user: { passwordHash: string | null } } | null,
  now: Date,
): InvitationRefusal | undefined {
  if (!invitation) return "unknown";
  if (invitation.usedAt) return "used";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  if (invitation.user.passwordHash) return "password_already_set";
  return undefined;
}

/**
 * Sets the person's password from their link and uses the link up, in one transaction: the link moves to used
 * by one conditional UPDATE (of two racing submissions exactly one wins), and the password is written only
 * while the account has none, so an older link can never replace a password already chosen.
 */
export async function acceptInvitation(
  db: PrismaClient,
  input: { token: unknown; password: unknown },
  now = new Date(),
): Promise<{ userId: string }> {
  const password = NewPasswordSchema.safeParse(input.password);
  if (!password.success) throw new InvalidPayloadError("password", describeIssues(password.error.issues, "password"));
  const token = typeof input.token === "string" ? input.token : "";
  const tokenHash = hashApiKey(token);
  const passwordHash = await hashPassword(password.data);
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash },
      include: { user: { select: { passwordHash: true } } },
    });
    if (count === 0 || !invitation) throw new InvitationRefusedError(refusalOf(invitation, now) ?? "used");
    const set = await tx.user.updateMany({
      where: { id: invitation.userId, passwordHash: null },
      data: { passwordHash },
    });
    if (set.count === 0) throw new InvitationRefusedError("password_already_set");
    return { userId: invitation.userId };
  });
}
