import "server-only";
import { hashPassword, type PrismaClient, verifyPassword } from "@switchyard/db";
import type { SignInGuard } from "./sign-in-guard";

export type SignInOutcome = { userId: string } | { error: string };

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

/** Said the same whether or not the account exists. */
export function tooManyAttempts(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

// Checked against when the email has no account, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an email and password under the sign-in limits: a locked account or address is refused before the
 * password is looked at (the right password included), a failure counts against both, a success clears the
 * account's count. One answer for a wrong email and a wrong password.
 */
export async function attemptSignIn(
  db: PrismaClient,
  guard: SignInGuard,
  input: { email: string; password: string; address: string },
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const before = await guard.check(email, input.address);
  if (before.isLimited) return { error: tooManyAttempts(before.retryAfterSeconds) };
  const user = await db.user.findUnique({ where: { email } });
  // Someone invited who has not set a password yet has none that could match: like an unknown email, they take
  // the decoy's time, and the decoy's answer is thrown away.
  let isValid = false;
  if (user?.passwordHash) isValid = await verifyPassword(input.password, user.passwordHash);
  else await verifyPassword(input.password, await (decoyHash ??= hashPassword("no account has this password")));
  if (user && isValid) {
    await guard.recordSuccess(email);
    return { userId: user.id };
  }
  const after = await guard.recordFailure(email, input.address);
  return { error: after.isLimited ? tooManyAttempts(after.retryAfterSeconds) : WRONG_CREDENTIALS };
}

/**
 * The client's address as the reverse proxy in front of the dashboard saw it: the last X-Forwarded-For
 * entry (the one the nearest proxy appended), else X-Real-IP. Without a proxy these headers are whatever the
 * client sent, so the per-address limit is only as good as the proxy; the per-account limit stands anyway.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}
