import { z } from "zod";

/**
 * SIE's error bodies are FastAPI's `{"detail": …}`: an object `{code, message, …}` from the native
 * endpoints, `{error: {code, message, type}}` from /v1/embeddings, a list of validation issues on 422,
 * or a plain string. Only used to word errors, so anything unparseable falls back to the raw text.
 */
const DetailObjectSchema = z.object({ code: z.string().optional(), message: z.string().optional() });
const ValidationIssueSchema = z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string() });
const ErrorEnvelopeSchema = z.object({
  detail: z.union([
    z.string(),
    z.array(ValidationIssueSchema),
    DetailObjectSchema.extend({ error: DetailObjectSchema.optional() }),
  ]),
});

export interface SieErrorBody {
  code?: string;
  message: string;
}

const MAX_RAW_CHARS = 300;

export function readSieErrorBody(raw: string): SieErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { message: raw.slice(0, MAX_RAW_CHARS) };
  }
  const parsed = ErrorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { message: raw.slice(0, MAX_RAW_CHARS) };
  const { detail } = parsed.data;
  if (typeof detail === "string") return { message: detail };
  if (Array.isArray(detail)) return { message: detail.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; ") };
  const inner = detail.error ?? detail;
  return { code: inner.code, message: inner.message ?? raw.slice(0, MAX_RAW_CHARS) };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
