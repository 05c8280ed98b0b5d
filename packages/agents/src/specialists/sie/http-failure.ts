import { SpecialistError } from "../errors";
import { readSieErrorBody } from "./error-body";

export interface FailureContext {
  baseUrl: string;
  operation: string;
  model: string;
}

/**
 * Maps an HTTP error answer to the error kind a caller acts on. 404 is "unknown model" only when SIE says
 * so (MODEL_NOT_FOUND); a bare 404 means the URL is wrong, which no retry or model change fixes.
 */
export function failureFromStatus(
  context: FailureContext,
  status: number,
  rawBody: string,
  retryAfterMs: number | undefined,
): SpecialistError {
  const { code, message } = readSieErrorBody(rawBody);
  const { baseUrl, operation, model } = context;
  const details = { operation, model, status, serverCode: code, retryAfterMs };
  const said = `${status}${code ? ` ${code}` : ""}: ${message || "(empty body)"}`;
  if (status === 404 && code !== undefined && code.toUpperCase() === "MODEL_NOT_FOUND") {
    return new SpecialistError(
      { ...details, kind: "unknown_model" },
      `SIE at ${baseUrl} does not serve model "${model}" (${operation} → ${said}). ` +
        "Use a model from the specialist catalog that this server lists at GET /v1/models.",
    );
  }
  if (status === 404) {
    return new SpecialistError(
      { ...details, kind: "bad_request" },
      `SIE at ${baseUrl} has no route for ${operation} (${said}). ` +
        "Check SIE_URL: it is the server's root, without /v1.",
    );
  }
  if (status === 502 && code === "MODEL_LOAD_FAILED") {
    return new SpecialistError(
      { ...details, kind: "model_load_failed" },
      `SIE cannot load model "${model}" (${said}). ` +
        "Retrying will not help; fix the model on the server or pick another.",
    );
  }
  if (status === 429 || status >= 500) {
    return new SpecialistError({ ...details, kind: "unavailable" }, `SIE answered ${operation} with ${said}.`);
  }
  return new SpecialistError({ ...details, kind: "bad_request" }, `SIE rejected ${operation} (${said}).`);
}

/** A fetch that threw: the caller cancelled, our per-attempt timer fired, or the connection failed. */
export function failureFromThrow(
  context: FailureContext,
  error: unknown,
  state: { isCancelled: boolean; isTimedOut: boolean; timeoutMs: number },
): SpecialistError {
  const { baseUrl, operation, model } = context;
  if (state.isCancelled) {
    return new SpecialistError({ kind: "cancelled", operation, model, cause: error }, `${operation} was cancelled.`);
  }
  if (state.isTimedOut) {
    return new SpecialistError(
      { kind: "timeout", operation, model, cause: error },
      `SIE did not answer ${operation} within ${state.timeoutMs} ms. Raise SIE_TIMEOUT_MS or check the server's load.`,
    );
  }
  const reason = describeCause(error);
  return new SpecialistError(
    { kind: "unavailable", operation, model, cause: error },
    `Could not reach SIE at ${baseUrl} for ${operation}: ${reason}. Check SIE_URL and that the server is up.`,
  );
}

export function malformed(context: FailureContext, what: string, cause?: unknown): SpecialistError {
  const { operation, model } = context;
  return new SpecialistError(
    { kind: "malformed_response", operation, model, status: 200, cause },
    `SIE answered ${operation} with ${what}. Client and server versions may differ ` +
      "(this client follows SIE v0.3.1's OpenAPI document).",
  );
}

/** undici hides the socket error under `cause`; that inner message is the useful one (ECONNREFUSED, …). */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? error.cause : undefined;
  return inner ? `${error.message} (${inner.message})` : error.message;
}
