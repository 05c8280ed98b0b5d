/**
 * What this fake SIE serves, as a real server's bundle would list it. Kept apart from the app's catalog on
 * purpose: a test that names a model the server does not know must see SIE's 404, not a shared constant.
 */
export type FakeTask = "encode" | "score" | "extract";

export interface FakeModel {
  tasks: readonly FakeTask[];
  /** Dense output size, for encoders. */
  dims?: number;
}

export const FAKE_MODELS: Readonly<Record<string, FakeModel>> = {
  "BAAI/bge-m3": { tasks: ["encode", "score"], dims: 1024 },
  "sentence-transformers/all-MiniLM-L6-v2": { tasks: ["encode"], dims: 384 },
  "BAAI/bge-reranker-v2-m3": { tasks: ["score"] },
  "cross-encoder/ms-marco-MiniLM-L-6-v2": { tasks: ["score"] },
  "urchade/gliner_multi-v2.1": { tasks: ["extract"] },
  "fastino/gliner2-base-v1": { tasks: ["extract"] },
};
