import type { SpecialistProviderName } from "./types";

export type SpecialistTask = "encode" | "score" | "extract";

export interface SpecialistSpec {
  provider: SpecialistProviderName;
  /** SIE's task; the offline MinHash signature stands in for `encode`, BM25 for `score`, rules for `extract`. */
  task: SpecialistTask;
  /** The id SIE serves it under (Hugging Face id), or the offline method's name. */
  model: string;
  /** Vector length for encoders (signature length for MinHash). */
  dimensions?: number;
  /**
   * Micro-dollars per call. 0 for all of these: SIE runs on our own hardware, so a call's cost is GPU time
   * we pay for anyway, not a metered price, and the offline methods run in the worker.
   */
  costMicrosPerCall: number;
  purpose: string;
  /**
   * For encoders: the similarity at or above which the guard calls two pieces duplicates, where it has
   * been measured. Scores are only comparable within one model, so each needs its own; SIE models have
   * none until calibrated against a live server (eval/print-report.ts does that with SIE_URL set).
   */
  duplicateThreshold?: number;
}

/**
 * The specialists the pipeline may name. SIE entries are models listed in SIE's own model directory
 * (superlinked/sie, packages/sie_server/models/*.yaml, v0.3.1), with their dense sizes from there; the
 * offline entries' model names are built from their parameters so a result's `model` says how it was made.
 */
export const SPECIALIST_CATALOG: readonly SpecialistSpec[] = [
  {
    provider: "sie",
    task: "encode",
    model: "BAAI/bge-m3",
    dimensions: 1024,
    costMicrosPerCall: 0,
    purpose: "Near-duplicate guard: multilingual dense embeddings of drafts and past pieces (8k tokens).",
  },
  {
    provider: "sie",
    task: "encode",
    model: "sentence-transformers/all-MiniLM-L6-v2",
    dimensions: 384,
    costMicrosPerCall: 0,
    purpose: "Cheap English embeddings for short social posts (256 tokens); a lighter guard.",
  },
  {
    provider: "sie",
    task: "score",
    model: "BAAI/bge-reranker-v2-m3",
    costMicrosPerCall: 0,
    purpose: "Rank a tenant's approved examples against a brief (multilingual cross-encoder).",
  },
  {
    provider: "sie",
    task: "score",
    model: "cross-encoder/ms-marco-MiniLM-L-6-v2",
    costMicrosPerCall: 0,
    purpose: "Fast English reranking when the candidate list is long.",
  },
  {
    provider: "sie",
    task: "extract",
    model: "urchade/gliner_multi-v2.1",
    costMicrosPerCall: 0,
    purpose: "Zero-shot spans from briefs: products, dates, audience, calls to action, analysis cues.",
  },
  {
    provider: "local",
    task: "encode",
    model: "minhash-128-w2",
    dimensions: 128,
    costMicrosPerCall: 0,
    purpose: "Offline near-duplicate guard: MinHash of 2-word shingles, Jaccard estimate.",
    // The F1-best cut on test/fixtures/specialists/near-duplicates.json (it falls between 0.094 and 0.102).
    duplicateThreshold: 0.1,
  },
  {
    provider: "local",
    task: "score",
    model: "bm25-k1.2-b0.75",
    costMicrosPerCall: 0,
    purpose: "Offline ranking of examples against a brief: Okapi BM25 over the candidates.",
  },
  {
    provider: "local",
    task: "extract",
    model: "brief-rules-v1",
    costMicrosPerCall: 0,
    purpose: "Offline brief fields by rules and the tenant's product dictionary; dates via chrono-node.",
  },
];

/** The SIE model used for each job unless the caller names another. */
export const DEFAULT_SIE_MODELS: Readonly<Record<SpecialistTask, string>> = {
  encode: "BAAI/bge-m3",
  score: "BAAI/bge-reranker-v2-m3",
  extract: "urchade/gliner_multi-v2.1",
};

export function findSpecialist(provider: SpecialistProviderName, task: SpecialistTask, model: string) {
  return SPECIALIST_CATALOG.find((s) => s.provider === provider && s.task === task && s.model === model);
}
