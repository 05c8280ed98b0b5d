"use client";
import { useActionState } from "react";
import { signIn, type SignInState } from "../../lib/actions/auth-actions";

export function SignInForm() {
  const [state, action, isPending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="card stack" aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
