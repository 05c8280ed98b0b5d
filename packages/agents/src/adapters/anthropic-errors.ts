import { APIConnectionError, APIConnectionTimeoutError, APIError, AnthropicError } from "@anthropic-ai/sdk";
import { kindForStatus, ProviderError } from "./provider-error";

/** retry-after-ms when present, else retry-after in seconds (or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && !Number.isNaN(Number(ms))) return Number(ms);
  const after = headers?.get("retry-after");
  if (!after) return undefined;
  if (!Number.isNaN(Number(after))) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** `instanceof` alone types a generic class's status and headers as `any`; this keeps the SDK's declared types. */
function isApiError(error: unknown): error is APIError {
  return error instanceof APIError;
}

/** Classifies whatever the SDK threw; messages carry the provider's reason, never the key. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError("timeout", "The Anthropic API did not answer in time.");
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError("connection", `Could not reach the Anthropic API: ${error.message}`);
  }
  if (isApiError(error) && error.status !== undefined) {
    const kind = kindForStatus(error.status);
    const message = `Anthropic API ${error.status}: ${error.message}`;
    return new ProviderError(kind, message, error.status, retryAfterMs(error.headers));
  }
  // A body that is not the JSON or event stream the API promises (cut off, garbled).
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AnthropicError || error instanceof SyntaxError) {
    return new ProviderError("malformed", `The Anthropic API sent a response that could not be read: ${message}`);
  }
  return new ProviderError("connection", `The Anthropic API call failed: ${message}`);
}
