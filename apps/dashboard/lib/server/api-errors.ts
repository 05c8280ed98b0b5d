import "server-only";
import { SwitchyardError } from "@switchyard/agents";
import { NextResponse } from "next/server";
import { logger } from "./logger";

const STATUS_BY_CODE: Record<string, number> = {
  invalid_payload: 400,
  invalid_json: 400,
  unknown_role: 400,
  unknown_model: 400,
  invalid_amount: 400,
  unauthorized: 401,
  forbidden: 403,
  tenant_not_found: 404,
  run_not_found: 404,
  content_not_found: 404,
  agent_not_configured: 409,
  agent_disabled: 409,
  no_reviewable_content: 409,
  review_conflict: 409,
  tenant_archived: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  rate_limited: 429,
  overloaded: 503,
  unsupported_media_type: 415,
};

export class ApiError extends SwitchyardError {}

/** Typed errors become 4xx with their code and message; anything else is a 500 with no detail. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof SwitchyardError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    const issues = "issues" in error ? (error as { issues: string[] }).issues : undefined;
    const reason = "reason" in error && typeof error.reason === "string" ? error.reason : undefined;
    const retryAfter = "retryAfterSeconds" in error ? String(error.retryAfterSeconds) : undefined;
    return NextResponse.json(
      { error: { code: error.code, message: error.message, issues, reason } },
      { status, headers: retryAfter ? { "retry-after": retryAfter } : undefined },
    );
  }
  logger().error({ err: errorSummary(error) }, "api request failed unexpectedly");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side; nothing was charged." } },
    { status: 500 },
  );
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body with a size bound, so an oversize request is a 413 and never parsed. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new ApiError("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new ApiError("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON.");
  }
}

/** Name and message only: a stack or an error's extra fields may carry request data. */
export function errorSummary(error: unknown): { type: string; message: string } {
  return error instanceof Error
    ? { type: error.name, message: error.message }
    : { type: typeof error, message: String(error) };
}
