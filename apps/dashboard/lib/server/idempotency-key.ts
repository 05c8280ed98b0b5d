import "server-only";
import { ApiError } from "./api-errors";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The request's Idempotency-Key header, validated (the same rule for every endpoint that takes one). */
export function readIdempotencyKey(request: Request): string | undefined {
  const key = request.headers.get("idempotency-key") ?? undefined;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError("invalid_payload", "Idempotency-Key must be 1-200 characters of letters, digits and . _ : -");
  }
  return key;
}
