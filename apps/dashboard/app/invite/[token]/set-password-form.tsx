"use client";
import { useActionState } from "react";
import { setPasswordFromInvitation, type SetPasswordState } from "../../../lib/actions/invitation-actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, isPending] = useActionState<SetPasswordState, FormData>(setPasswordFromInvitation, {});
  return (
    <form action={action} className="card stack" aria-label="Set your password">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <label>
        Password (at least 12 characters)
        <input name="password" type="password" autoComplete="new-password" required minLength={12} maxLength={200} />
      </label>
      <label>
        The same again
        <input name="confirm" type="password" autoComplete="new-password" required minLength={12} maxLength={200} />
      </label>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={isPending}>
        {isPending ? "Setting…" : "Set password and sign in"}
      </button>
    </form>
  );
}
