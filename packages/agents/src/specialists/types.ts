import { z } from "zod";

export type SpecialistProviderName = "sie" | "local";

/** Which provider and model produced a result; scores compare only between results of the same source. */
export interface SpecialistSource {
  provider: SpecialistProviderName;
  model: string;
}

export interface SimilarityResult {
  /** One score per candidate, in the order given; higher is closer. Cosine for SIE, Jaccard for local. */
  scores: number[];
  source: SpecialistSource;
}

/**
 * A fixed-length integer sketch of a text, made in the worker, that can be stored and compared later without
 * the text (the offline provider's MinHash). Signatures compare only under the same `key`, which names the
 * method and every parameter that changes a signature's values: a signature stored under another key is made
 * again, never compared.
 */
export interface SignatureMethod {
  /** e.g. "minhash-128-w2/seed-24301/v1": the method, its permutations, shingle size and seed, and its version. */
  readonly key: string;
  /** Integers per signature. */
  readonly length: number;
  /** The source `similarity` reports for the same scores; thresholds belong to it. */
  readonly source: SpecialistSource;
  /** Writes the text's signature into `out[offset … offset + length)`. */
  signInto(text: string, out: Int32Array, offset: number): void;
  /**
   * `scores[c]` = the similarity of `draft` to the c-th of `count` signatures stored back to back in `packed`:
   * the scores `similarity` gives for the texts, with nothing allocated per candidate.
   */
  scoreInto(draft: Int32Array, packed: Int32Array, count: number, scores: Float64Array): void;
}

/** Dense vectors, one per text in the order given, and the encoder that made them. */
export interface EmbeddingResult {
  vectors: number[][];
  source: SpecialistSource;
}

export interface RankedDocument {
  /** Position of the document in the list given. */
  index: number;
  score: number;
  /** 0 is the most relevant. */
  rank: number;
}

export interface RankResult {
  /** Every document, best first. */
  ranking: RankedDocument[];
  source: SpecialistSource;
}

/** A date mention and the calendar days it covers (ISO YYYY-MM-DD, UTC). */
export interface ExtractedDate {
  text: string;
  /** First day covered; null when the mention could not be resolved to a day. */
  start: string | null;
  /** Last day covered, for spans ("Q3", "in March", "next week"). */
  end?: string;
}

/** What the pipeline needs to know about a brief before writing. */
export interface BriefExtraction {
  /** Products named, spelled as in the product dictionary when one was given. */
  products: string[];
  dates: ExtractedDate[];
  /** Who the piece is for, as phrased in the brief, lower-cased. */
  audience: string[];
  /** Calls to action, lower-cased ("book a demo", "sign up"). */
  callsToAction: string[];
  /** Whether the brief asks for analysis (comparison, reasons, data, forecasts) rather than plain copy. */
  needsAnalysis: boolean;
  /** The words that made `needsAnalysis` true. */
  analysisCues: string[];
  source: SpecialistSource;
}

export const ExtractOptionsSchema = z.object({
  /** The tenant's products (from its context); products are only reported when they match one. */
  products: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
  /** The day relative dates count from. @defaultValue the current time */
  now: z.date().optional(),
});
export type ExtractOptions = z.input<typeof ExtractOptionsSchema>;

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The three jobs the pipeline asks of specialist models, answered by SIE or offline by classic methods.
 * - similarity: "how close is this draft to each of these pieces" (a near-duplicate guard);
 * - rank: "rank these examples against this brief";
 * - extract: "extract these fields from this brief".
 */
export interface SpecialistProvider {
  readonly name: SpecialistProviderName;
  similarity(text: string, candidates: readonly string[], options?: CallOptions): Promise<SimilarityResult>;
  rank(query: string, documents: readonly string[], options?: CallOptions): Promise<RankResult>;
  extract(text: string, options?: ExtractOptions & CallOptions): Promise<BriefExtraction>;
  /**
   * Dense vectors, where the provider makes them (SIE's encoders; the offline provider has none). A caller
   * may store them and compare later texts by cosine without sending the stored pieces again; `similarity`
   * on the same model gives the same scores.
   */
  embed?(texts: readonly string[], options?: CallOptions): Promise<EmbeddingResult>;
  /**
   * The provider's storable signatures, where it scores by them (the offline MinHash): a caller may keep each
   * piece's signature and score later drafts against the stored ones; `similarity` gives the same scores.
   */
  readonly signatures?: SignatureMethod;
}

/** Inputs are checked at the provider boundary: the texts must be strings, and bounded. */
export const TextSchema = z.string().max(100_000);
export const TextListSchema = z.array(TextSchema).max(10_000);
