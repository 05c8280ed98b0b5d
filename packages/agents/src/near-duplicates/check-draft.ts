import type { Sql } from "@switchyard/db";
import { cosine, isSpecialistError, type SpecialistProvider, type SpecialistSource } from "../specialists";
import type { Candidate } from "./read-candidates";
import { storeEmbeddings, storeSignatures } from "./store-embeddings";
import { duplicateThresholdFor } from "./threshold";

export interface GuardScoring {
  specialists: SpecialistProvider;
  /** The SIE encoder's threshold, from SIE_DUPLICATE_THRESHOLD (see threshold.ts). */
  sieThreshold?: number;
}

export interface ClosestPiece {
  contentId: string;
  runId: string;
  title: string;
  body: string;
  createdAt: Date;
  similarity: number;
}

/** One comparison of one draft with the candidate set. */
export interface DraftCheck {
  candidates: number;
  closest?: ClosestPiece;
  /** Undefined when the scoring model has no calibrated threshold: nothing was decided. */
  threshold?: number;
  isDuplicate: boolean;
  /** Undefined when there was nothing to compare with (no call was made). */
  source?: SpecialistSource;
  /** The draft's dense vector, when an encoder made one: stored with the piece at settlement. */
  draftEmbedding?: { vector: number[]; model: string };
  /**
   * Candidates encoded or signed (and their vectors or signatures stored) by this check: 0 once every piece
   * has its own.
   */
  encoded: number;
}

const OUTAGES = new Set(["timeout", "unavailable", "model_load_failed"]);

/**
 * Scores a draft against the candidates and says whether the closest is a near-duplicate. With an encoder
 * (SIE) the draft is embedded, pieces without a vector from the same model are embedded once and their
 * vectors stored, and cosines are taken here; during an SIE outage `similarity` answers instead (the
 * offline provider's, when SIE_FALLBACK=local). Without an encoder, stored signatures (the offline MinHash)
 * play the same part: pieces are signed once and their signatures stored, so a check signs only the draft.
 */
export async function checkDraft(
  sql: Sql,
  tenantId: string,
  draft: string,
  candidates: Candidate[],
  scoring: GuardScoring,
): Promise<DraftCheck> {
  if (candidates.length === 0) return { candidates: 0, isDuplicate: false, encoded: 0 };
  let scored: { scores: number[]; source: SpecialistSource; draftEmbedding?: DraftCheck["draftEmbedding"] };
  let encoded = 0;
  try {
    const stored =
      (await vectorScores(sql, tenantId, draft, candidates, scoring.specialists)) ??
      (await signatureScores(sql, tenantId, draft, candidates, scoring.specialists));
    scored =
      stored ??
      (await scoring.specialists.similarity(
        draft,
        candidates.map((c) => c.body),
      ));
    encoded = stored?.encoded ?? 0;
  } catch (error) {
    if (!isSpecialistError(error) || !OUTAGES.has(error.kind)) throw error;
    scored = await scoring.specialists.similarity(
      draft,
      candidates.map((c) => c.body),
    );
  }
  const threshold = duplicateThresholdFor(scored.source, scoring.sieThreshold);
  const closest = closestOf(candidates, scored.scores);
  return {
    candidates: candidates.length,
    closest,
    threshold,
    isDuplicate: threshold !== undefined && closest !== undefined && closest.similarity >= threshold,
    source: scored.source,
    ...(scored.draftEmbedding && { draftEmbedding: scored.draftEmbedding }),
    encoded,
  };
}

/** Cosines over stored vectors, encoding only what has none; undefined when the provider has no encoder. */
async function vectorScores(
  sql: Sql,
  tenantId: string,
  draft: string,
  candidates: Candidate[],
  specialists: SpecialistProvider,
) {
  if (!specialists.embed) return undefined;
  const { vectors, source } = await specialists.embed([draft]);
  const [draftVector] = vectors;
  if (!draftVector) return undefined;
  const isCurrent = (c: Candidate) => c.embeddingModel === source.model && c.embedding?.length === draftVector.length;
  const missing = candidates.filter((c) => !isCurrent(c));
  if (missing.length > 0) {
    const fresh = await specialists.embed(missing.map((c) => c.body));
    if (fresh.source.model !== source.model) return undefined;
    missing.forEach((candidate, i) => {
      candidate.embedding = fresh.vectors[i] ?? null;
      candidate.embeddingModel = source.model;
    });
    const stored = missing.flatMap((c) => (c.embedding ? [{ id: c.id, vector: c.embedding }] : []));
    await storeEmbeddings(sql, tenantId, source.model, stored);
  }
  const scores = candidates.map((c) =>
    c.embedding?.length === draftVector.length ? cosine(draftVector, c.embedding) : 0,
  );
  return { scores, source, draftEmbedding: { vector: draftVector, model: source.model }, encoded: missing.length };
}

/**
 * Scores over stored signatures, signing only the pieces without one under the method's key; undefined when the
 * provider has no signature method. The same scores `similarity` gives on the texts.
 */
async function signatureScores(
  sql: Sql,
  tenantId: string,
  draft: string,
  candidates: Candidate[],
  specialists: SpecialistProvider,
) {
  const method = specialists.signatures;
  if (!method) return undefined;
  const { key, length } = method;
  const signed = new Int32Array(length);
  method.signInto(draft, signed, 0);
  const packed = new Int32Array(length * candidates.length);
  const missing: { id: string; signature: Int32Array }[] = [];
  candidates.forEach((candidate, i) => {
    if (candidate.signatureKey === key && candidate.signature?.length === length) {
      packed.set(candidate.signature, i * length);
      return;
    }
    method.signInto(candidate.body, packed, i * length);
    const signature = packed.slice(i * length, (i + 1) * length);
    candidate.signature = Array.from(signature);
    candidate.signatureKey = key;
    missing.push({ id: candidate.id, signature });
  });
  await storeSignatures(sql, tenantId, key, missing);
  const scores = new Float64Array(candidates.length);
  method.scoreInto(signed, packed, candidates.length, scores);
  return { scores: Array.from(scores), source: method.source, encoded: missing.length };
}

function closestOf(candidates: readonly Candidate[], scores: readonly number[]): ClosestPiece | undefined {
  let best: ClosestPiece | undefined;
  candidates.forEach((c, i) => {
    const similarity = scores[i] ?? 0;
    if (best && similarity <= best.similarity) return;
    best = { contentId: c.id, runId: c.runId, title: c.title, body: c.body, createdAt: c.createdAt, similarity };
  });
  return best;
}
