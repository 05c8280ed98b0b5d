/**
 * Why a specialist call failed, in the terms a caller acts on:
 * - `timeout`, `unavailable`: the service is slow or down; retried, and worth retrying later.
 * - `bad_request`: our request was wrong (4xx other than 404); retrying the same request cannot help.
 * - `unknown_model`: the model id is not served there (404); fix the catalog entry or the server's model list.
 * - `model_load_failed`: SIE knows the model but cannot load it (502 MODEL_LOAD_FAILED); the OpenAPI document
 *   says clients must not retry it.
 * - `malformed_response`: a complete answer that does not match the documented shape; a version mismatch,
 *   so it is not retried.
 * - `cancelled`: the caller's own AbortSignal fired.
 */
export const SPECIALIST_ERROR_KINDS = [
  "timeout",
  "unavailable",
  "bad_request",
  "unknown_model",
  "model_load_failed",
  "malformed_response",
  "cancelled",
] as const;
export type SpecialistErrorKind = (typeof SPECIALIST_ERROR_KINDS)[number];

const RETRYABLE: ReadonlySet<SpecialistErrorKind> = new Set(["timeout", "unavailable"]);

export interface SpecialistErrorDetails {
  kind: SpecialistErrorKind;
  /** What the caller was doing, e.g. `POST /v1/encode/BAAI/bge-m3`. */
  operation: string;
  model?: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** SIE's own error code from the `detail` envelope (MODEL_NOT_FOUND, MODEL_LOADING, …), when it sent one. */
  serverCode?: string;
  /** Attempts made before giving up (1 when the error was not retried). */
  attempts?: number;
  /** Server-requested wait (Retry-After), when it sent one. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type the specialist layer throws. It stands alone rather than extending the package's
 * shared error base so this folder has no imports into folders being reorganised; `code` mirrors that
 * base's stable, user-safe code.
 */
export class SpecialistError extends Error {
  readonly kind: SpecialistErrorKind;
  readonly code: string;
  readonly operation: string;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: SpecialistErrorDetails, message: string) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SpecialistError";
    this.kind = details.kind;
    this.code = `specialist_${details.kind}`;
    this.operation = details.operation;
    this.model = details.model;
    this.status = details.status;
    this.serverCode = details.serverCode;
    this.attempts = details.attempts ?? 1;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Whether another attempt at the same request could succeed. */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** The same error, stamped with how many attempts were spent on it. */
  afterAttempts(attempts: number): SpecialistError {
    const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
    return new SpecialistError({ ...this.details(), attempts }, `${this.message}${suffix}`);
  }

  private details(): SpecialistErrorDetails {
    const { kind, operation, model, status, serverCode, retryAfterMs, cause } = this;
    return { kind, operation, model, status, serverCode, retryAfterMs, cause };
  }
}

export function isSpecialistError(error: unknown, kind?: SpecialistErrorKind): error is SpecialistError {
  return error instanceof SpecialistError && (kind === undefined || error.kind === kind);
}
