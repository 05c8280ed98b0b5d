/**
 * How the fake answers one request. `ok` computes the real deterministic answer; the others are the
 * failures a client must survive. Unknown models need no behaviour: the fake answers them with SIE's 404.
 */
export type FakeSieBehaviour =
  | { kind: "ok" }
  /** Wait, then behave as `then` (unless the client hung up first). */
  | { kind: "slow"; delayMs: number; then?: FakeSieBehaviour }
  /** An error status with SIE's `{"detail": {code, message}}` envelope. */
  | { kind: "error"; status: number; code?: string; retryAfterSeconds?: number }
  /** A 200 whose body is cut-off JSON (`truncated`) or valid JSON of the wrong shape (`wrong_shape`). */
  | { kind: "malformed"; variant: "truncated" | "wrong_shape" }
  /** Drop the connection without answering. */
  | { kind: "reset" };

export const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: "INVALID_INPUT",
  429: "QUEUE_FULL",
  500: "INTERNAL_ERROR",
  502: "MODEL_LOAD_FAILED",
  503: "MODEL_LOADING",
};
