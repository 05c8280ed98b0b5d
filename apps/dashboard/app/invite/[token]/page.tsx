import { readInvitation, SwitchyardError } from "@switchyard/agents";
import type { Metadata } from "next";
import { db } from "../../../lib/server/services";
import { dateTime } from "../../../lib/view/format";
import { SetPasswordForm } from "./set-password-form";

export const dynamic = "force-dynamic";

/** The token is in this page's address: never send it on as a Referer. */
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false } };

/** A new person's one-time link: choose a password, then be signed in. A link that no longer works says why. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await readInvitation(db(), token).catch((error: unknown) => {
    if (error instanceof SwitchyardError) return { error: error.message };
    throw error;
  });
  return (
    <main className="narrow">
      <h1>Welcome to Switchyard</h1>
      {"error" in invitation ? (
        <div className="card stack">
          <p role="alert" className="error">
            {invitation.error}
          </p>
          <a href="/sign-in">Sign in</a>
        </div>
      ) : (
        <>
          <p>
            Choose a password for <strong>{invitation.email}</strong> ({invitation.name}).
          </p>
          <p className="muted">This link works once, until {dateTime(invitation.expiresAt)} UTC.</p>
          <SetPasswordForm token={token} email={invitation.email} />
        </>
      )}
    </main>
  );
}
