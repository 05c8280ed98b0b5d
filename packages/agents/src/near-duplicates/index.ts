/**
 * The near-duplicate guard's parts: which pieces a draft is compared with (bounded per tenant), how it is
 * scored (vectors stored once per piece, or the offline provider's MinHash), and what a regeneration is
 * told to avoid. The worker runs the guard (worker/guard-draft.ts); runs/ records what it found.
 */
export {
  type CandidateWindow,
  candidateWindow,
  DEFAULT_DUPLICATE_WINDOW_DAYS,
  MAX_DUPLICATE_CANDIDATES,
  MAX_DUPLICATE_WINDOW_DAYS,
} from "./candidate-window";
export { type Candidate, readCandidates } from "./read-candidates";
export { checkDraft, type ClosestPiece, type DraftCheck, type GuardScoring } from "./check-draft";
export { duplicateThresholdFor } from "./threshold";
export { avoidRepeatNote } from "./avoid-note";
export { detectPgvector, type PgvectorSupport } from "./pgvector";
export { storeEmbeddings } from "./store-embeddings";
