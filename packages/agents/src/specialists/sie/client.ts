/**
 * A typed client for the Superlinked Inference Engine's JSON API, written from its OpenAPI document
 * (superlinked/sie, packages/sie_server/openapi.json, v0.3.1; see ./schemas.ts). The model is named in
 * every call; responses are parsed with zod before anyone sees them.
 */
import { z } from "zod";
import { SpecialistError } from "../errors";
import { DEFAULT_BACKOFF } from "./backoff";
import type { FailureContext } from "./http-failure";
import { abortableSleep } from "./abortable-sleep";
import { checkEncodeCount, checkExtractCount, checkScoreIds, decodeEmbeddings } from "./response-checks";
import {
  type SieEmbeddingsRequest,
  SieEmbeddingsRequestSchema,
  SieEmbeddingsResponseSchema,
  type SieEncodeRequest,
  SieEncodeRequestSchema,
  type SieEncodeResponse,
  SieEncodeResponseSchema,
  type SieExtractRequest,
  SieExtractRequestSchema,
  type SieExtractResponse,
  SieExtractResponseSchema,
  type SieScoreRequest,
  SieScoreRequestSchema,
  type SieScoreResponse,
  SieScoreResponseSchema,
} from "./schemas";
import { callSie, type SieTransportOptions } from "./transport";

export const SieClientOptionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  /** Time limit for one attempt. @defaultValue 5000 */
  timeoutMs: z.number().int().min(1).max(300_000).default(5000),
  /** Retries after the first attempt (timeouts, connection failures, 429, 5xx). @defaultValue 2 */
  maxRetries: z.number().int().min(0).max(10).default(2),
  /** @defaultValue 100 */
  baseDelayMs: z.number().min(0).max(60_000).default(DEFAULT_BACKOFF.baseDelayMs),
  /** @defaultValue 5000 */
  maxDelayMs: z.number().min(0).max(300_000).default(DEFAULT_BACKOFF.maxDelayMs),
});
export type SieClientOptions = z.input<typeof SieClientOptionsSchema> & {
  /** Injectable for tests; default Math.random. */
  random?: () => number;
  /** Injectable for tests; default a timer the call's AbortSignal cuts short. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
};

export interface SieCallOptions {
  signal?: AbortSignal;
}

/** An OpenAI-compatible embeddings answer with vectors always as numbers, whatever `encoding_format` was. */
export interface SieEmbeddings {
  model: string;
  vectors: number[][];
  usage: { promptTokens: number; totalTokens: number };
}

export interface SieClient {
  readonly baseUrl: string;
  /** POST /v1/encode/{model}: dense (and optionally sparse or multi-vector) embeddings, one per item. */
  encode(model: string, request: SieEncodeRequest, options?: SieCallOptions): Promise<SieEncodeResponse>;
  /** POST /v1/score/{model}: cross-encoder relevance of each item to the query, sorted best first. */
  score(model: string, request: SieScoreRequest, options?: SieCallOptions): Promise<SieScoreResponse>;
  /** POST /v1/extract/{model}: zero-shot entities (by `params.labels`), relations, classifications, data. */
  extract(model: string, request: SieExtractRequest, options?: SieCallOptions): Promise<SieExtractResponse>;
  /** POST /v1/embeddings: the OpenAI-compatible endpoint; the model is in the body. */
  embeddings(request: SieEmbeddingsRequest, options?: SieCallOptions): Promise<SieEmbeddings>;
}

export function createSieClient(input: SieClientOptions): SieClient {
  const parsed = SieClientOptionsSchema.safeParse(input);
  if (!parsed.success) throw invalid("SIE client options", "createSieClient", undefined, parsed.error);
  const options = parsed.data;
  const transport: SieTransportOptions = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    backoff: { baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs },
    random: input.random ?? Math.random,
    sleep: input.sleep ?? abortableSleep,
    fetch: input.fetch ?? globalThis.fetch,
  };
  const context = (path: string, model: string): FailureContext => ({
    baseUrl: options.baseUrl,
    operation: `POST ${path}`,
    model,
  });

  return {
    baseUrl: options.baseUrl,
    async encode(model, request, call) {
      const path = `/v1/encode/${modelPath(model)}`;
      const body = validRequest(SieEncodeRequestSchema, request, path, model);
      const response = await callSie(transport, { path, model, body, schema: SieEncodeResponseSchema, ...call });
      return checkEncodeCount(response, body.items.length, context(path, model));
    },
    async score(model, request, call) {
      const path = `/v1/score/${modelPath(model)}`;
      const body = validRequest(SieScoreRequestSchema, request, path, model);
      const response = await callSie(transport, { path, model, body, schema: SieScoreResponseSchema, ...call });
      return checkScoreIds(response, body.items, context(path, model));
    },
    async extract(model, request, call) {
      const path = `/v1/extract/${modelPath(model)}`;
      const body = validRequest(SieExtractRequestSchema, request, path, model);
      const response = await callSie(transport, { path, model, body, schema: SieExtractResponseSchema, ...call });
      return checkExtractCount(response, body.items.length, context(path, model));
    },
    async embeddings(request, call) {
      const path = "/v1/embeddings";
      const body = validRequest(SieEmbeddingsRequestSchema, request, path, request.model);
      const response = await callSie(transport, {
        path,
        model: body.model,
        body,
        schema: SieEmbeddingsResponseSchema,
        ...call,
      });
      return decodeEmbeddings(response, context(path, body.model));
    },
  };
}

/**
 * Model ids contain slashes (`BAAI/bge-m3`) and SIE routes them as `{model:path}`, so each segment is
 * escaped and the slashes kept: proxies often refuse an encoded `%2F`.
 */
function modelPath(model: string): string {
  const segments = model.split("/");
  if (model.trim() === "" || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new SpecialistError(
      { kind: "bad_request", operation: "name a model", model },
      `"${model}" is not a model id (expected e.g. "BAAI/bge-m3").`,
    );
  }
  return segments.map(encodeURIComponent).join("/");
}

function validRequest<S extends z.ZodType>(schema: S, request: unknown, path: string, model: string): z.output<S> {
  const parsed = schema.safeParse(request);
  if (!parsed.success) throw invalid("request", `POST ${path}`, model, parsed.error);
  return parsed.data;
}

function invalid(what: string, operation: string, model: string | undefined, error: z.ZodError): SpecialistError {
  const issues = error.issues.map((i) => `${i.path.join(".") || what}: ${i.message}`).join("; ");
  return new SpecialistError(
    { kind: "bad_request", operation, model, cause: error },
    `Invalid ${what} for ${operation}, not sent: ${issues}.`,
  );
}
