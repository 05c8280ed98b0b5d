import type { ServerResponse } from "node:http";
import { ERROR_TYPES } from "./behaviours";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export interface RetryAfter {
  retryAfterSeconds?: number;
  retryAfterMs?: number;
}

/** An error body the way the API sends one: { type: "error", error: { type, message } }. */
export function sendError(res: ServerResponse, status: number, message = `fake ${status}`, retry: RetryAfter = {}) {
  const headers: Record<string, string> = {};
  if (retry.retryAfterSeconds !== undefined) headers["retry-after"] = String(retry.retryAfterSeconds);
  if (retry.retryAfterMs !== undefined) headers["retry-after-ms"] = String(retry.retryAfterMs);
  sendJson(res, status, errorBody(status, message), headers);
}

export function errorBody(status: number, message: string) {
  return { type: "error" as const, error: { type: ERROR_TYPES[status] ?? "api_error", message }, request_id: null };
}

export function rateLimitHeaders(): Record<string, string> {
  return {
    "anthropic-ratelimit-requests-remaining": "49",
    "anthropic-ratelimit-tokens-remaining": "39000",
    "anthropic-ratelimit-requests-reset": new Date(Date.now() + 60_000).toISOString(),
  };
}
