"use client";
import { type ReactNode, useActionState } from "react";
import type { FormState } from "../lib/actions/form-actions";

/** A form bound to a server action, showing the action's message or error beside it. */
export function ActionForm({
  action,
  label,
  className = "row",
  children,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const [state, formAction, isPending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={isPending}>
      {children}
      {state.error && (
        <span role="alert" className="error">
          {state.error}
        </span>
      )}
      {state.message && (
        <span role="status" className="good">
          {state.message}
        </span>
      )}
    </form>
  );
}
