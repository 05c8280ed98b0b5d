import type { SieEmbeddings } from "./client";
import { type FailureContext, malformed } from "./http-failure";
import type {
  SieEmbeddingsResponse,
  SieEncodeResponse,
  SieExtractResponse,
  SieItem,
  SieScoreResponse,
} from "./schemas";

/**
 * Checks zod cannot make alone because they relate the answer to the request: one result per item sent,
 * and score entries naming the items we sent. A mismatch would silently pair scores with the wrong texts.
 */
export function checkEncodeCount(response: SieEncodeResponse, sent: number, context: FailureContext) {
  if (response.items.length !== sent) {
    throw malformed(context, `${response.items.length} encodings for ${sent} items`);
  }
  return response;
}

export function checkExtractCount(response: SieExtractResponse, sent: number, context: FailureContext) {
  if (response.items.length !== sent) {
    throw malformed(context, `${response.items.length} extraction results for ${sent} items`);
  }
  return response;
}

/** SIE names an item without an id `item-{index}`; those are the ids it may answer with. */
export function checkScoreIds(response: SieScoreResponse, items: readonly SieItem[], context: FailureContext) {
  const expected = new Set(items.map((item, index) => item.id ?? `item-${index}`));
  const seen = new Set(response.scores.map((s) => s.item_id));
  const isComplete = seen.size === expected.size && response.scores.length === expected.size;
  if (!isComplete || [...seen].some((id) => !expected.has(id))) {
    throw malformed(context, `scores for items [${[...seen].join(", ")}], not one for each item sent`);
  }
  return response;
}

export function decodeEmbeddings(response: SieEmbeddingsResponse, context: FailureContext): SieEmbeddings {
  const ordered = [...response.data].sort((a, b) => a.index - b.index);
  if (ordered.some((d, i) => d.index !== i)) throw malformed(context, "embedding indexes that are not 0..n-1");
  return {
    model: response.model,
    vectors: ordered.map((d) =>
      typeof d.embedding === "string" ? decodeFloat32Base64(d.embedding, context) : d.embedding,
    ),
    usage: { promptTokens: response.usage.prompt_tokens, totalTokens: response.usage.total_tokens },
  };
}

/** OpenAI's base64 format: the vector's little-endian float32 bytes. */
function decodeFloat32Base64(encoded: string, context: FailureContext): number[] {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.byteLength % 4 !== 0) throw malformed(context, "a base64 embedding that is not whole float32 values");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.floor(bytes.byteLength / 4) }, (_, i) => view.getFloat32(i * 4, true));
}
