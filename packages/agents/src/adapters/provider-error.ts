import { SwitchyardError } from "../lib/errors";

export type ProviderErrorKind =
  "rate_limited" | "overloaded" | "server" | "bad_request" | "auth" | "timeout" | "connection" | "malformed";

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set([
  "rate_limited",
  "overloaded",
  "server",
  "timeout",
  "connection",
  "malformed",
]);

/** A failed provider call, classified so the job layer can retry, fall back or give up. */
export class ProviderError extends SwitchyardError {
  readonly isRetryable: boolean;

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    /** How long the provider asked us to wait (retry-after), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(`provider_${kind}`, message);
    this.isRetryable = RETRYABLE.has(kind);
  }
}

/** Maps an HTTP status from the Messages API to what it means for us. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 529) return "overloaded";
  if (status === 401 || status === 403) return "auth";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  return "bad_request";
}

/**
 * Maps an error type from an API error body to what it means for us. Batch results carry the type
 * without an HTTP status, so a failed request inside a batch is classified the same way as a live one.
 */
export function kindForErrorType(type: string): ProviderErrorKind {
  switch (type) {
    case "rate_limit_error":
      return "rate_limited";
    case "overloaded_error":
      return "overloaded";
    case "authentication_error":
    case "permission_error":
      return "auth";
    case "timeout_error":
      return "timeout";
    case "api_error":
      return "server";
    default:
      return "bad_request";
  }
}
