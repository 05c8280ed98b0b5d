import type { z } from "zod";
import { SpecialistError } from "../errors";
import { type BackoffOptions, backoffDelayMs } from "./backoff";
import { type FailureContext, failureFromStatus, failureFromThrow, malformed } from "./http-failure";
import { parseRetryAfter } from "./error-body";

export interface SieTransportOptions {
  /** The server's root, e.g. `http://sie.internal:8080` (no `/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set (SIE's gateway checks it; a bare server ignores it). */
  apiKey?: string;
  /** Time limit for one attempt, body included. */
  timeoutMs: number;
  /** Retries after the first attempt, for timeouts, connection failures, 429 and 5xx only. */
  maxRetries: number;
  backoff: BackoffOptions;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch: typeof fetch;
}

export interface SieCall<T> {
  /** Path after the root, with the model already encoded into it. */
  path: string;
  model: string;
  body: unknown;
  schema: z.ZodType<T>;
  /** The caller's cancellation; it stops the current attempt and any wait before the next. */
  signal?: AbortSignal;
}

/**
 * One SIE request with its retry policy. Only `timeout` and `unavailable` failures are retried: a 4xx,
 * an unknown model, a terminal load failure or a malformed body would fail the same way again.
 */
export async function callSie<T>(options: SieTransportOptions, call: SieCall<T>): Promise<T> {
  const context: FailureContext = { baseUrl: options.baseUrl, operation: `POST ${call.path}`, model: call.model };
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(options, call, context);
    } catch (error) {
      if (!(error instanceof SpecialistError)) throw error;
      if (!error.isRetryable || attempt > options.maxRetries) throw error.afterAttempts(attempt);
      const delay = backoffDelayMs(attempt, options.backoff, options.random, error.retryAfterMs);
      try {
        await options.sleep(delay, call.signal);
      } catch (cause) {
        throw failureFromThrow(context, cause, { isCancelled: true, isTimedOut: false, timeoutMs: options.timeoutMs });
      }
    }
  }
}

async function attemptOnce<T>(options: SieTransportOptions, call: SieCall<T>, context: FailureContext): Promise<T> {
  const controller = new AbortController();
  const state = { isCancelled: false, isTimedOut: false, timeoutMs: options.timeoutMs };
  const timer = setTimeout(() => {
    state.isTimedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCancel = () => {
    state.isCancelled = true;
    controller.abort();
  };
  if (call.signal?.aborted) onCancel();
  call.signal?.addEventListener("abort", onCancel, { once: true });
  try {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(joinUrl(options.baseUrl, call.path), {
        method: "POST",
        headers: headers(options.apiKey),
        body: JSON.stringify(call.body),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      throw failureFromThrow(context, error, state);
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      throw failureFromStatus(context, response.status, text, retryAfterMs);
    }
    return parseBody(text, call.schema, context);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener("abort", onCancel);
  }
}

function parseBody<T>(text: string, schema: z.ZodType<T>, context: FailureContext): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw malformed(context, `a body that is not JSON (it starts ${JSON.stringify(text.slice(0, 60))})`, error);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  throw malformed(context, `a body that does not match the documented shape (${issues.join("; ")})`, parsed.error);
}

function headers(apiKey: string | undefined): Record<string, string> {
  // SIE answers msgpack unless asked for JSON.
  const base = { "content-type": "application/json", accept: "application/json" };
  return apiKey ? { ...base, authorization: `Bearer ${apiKey}` } : base;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}
