"use client";
import { type ReactNode, startTransition, type SyntheticEvent, useActionState } from "react";
import type { FormState } from "../lib/actions/form-actions";

/** A form bound to a server action, showing the action's message or error beside it. */
export function ActionForm({
  action,
  label,
  className = "row",
  secretLabel = "New API key",
  children,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  label: string;
  className?: string;
  /** What the one-time secret is, for screen readers. */
  secretLabel?: string;
  children: ReactNode;
}) {
  const [state, formAction, isPending] = useActionState(action, {});
  // React resets a form after its action runs, so a refused submission (say, a rejection without a
  // score) would lose what the person typed. Submitting by hand keeps the fields; without JavaScript
  // the plain form action still works.
  const submitKeepingFields = (event: SyntheticEvent<HTMLFormElement, SubmitEvent>) => {
    event.preventDefault();
    const submitter = event.nativeEvent.submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => {
      formAction(data);
    });
  };
  return (
    <form
      action={formAction}
      onSubmit={submitKeepingFields}
      className={className}
      aria-label={label}
      aria-busy={isPending}
    >
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
      {state.secret && (
        <output aria-label={secretLabel} className="secret">
          <code>{state.secret}</code>
        </output>
      )}
    </form>
  );
}
