/**
 * Specialist models behind one interface: near-duplicate similarity, ranking and brief extraction,
 * answered by the Superlinked Inference Engine when SIE_URL is set and by classic offline methods when not.
 */
export { createSpecialists, type CreateSpecialistsOptions } from "./factory";
export { parseSpecialistsEnv, specialistsOptionsFromEnv, SpecialistsEnvSchema, type SpecialistsEnv } from "./env";
export type {
  BriefExtraction,
  CallOptions,
  EmbeddingResult,
  ExtractedDate,
  ExtractOptions,
  RankedDocument,
  RankResult,
  SignatureMethod,
  SimilarityResult,
  SpecialistProvider,
  SpecialistProviderName,
  SpecialistSource,
} from "./types";
export { isSpecialistError, SPECIALIST_ERROR_KINDS, SpecialistError, type SpecialistErrorKind } from "./errors";
export {
  DEFAULT_SIE_MODELS,
  findSpecialist,
  SPECIALIST_CATALOG,
  type SpecialistSpec,
  type SpecialistTask,
} from "./catalog";
export { createLocalProvider, type LocalProviderOptions } from "./local-provider";
export { createSieProvider, type SieProviderOptions } from "./sie-provider";
export { type SpecialistJob, withFallback } from "./fallback-provider";
export {
  createSieClient,
  type SieCallOptions,
  type SieClient,
  type SieClientOptions,
  type SieEmbeddings,
} from "./sie/client";
export type {
  SieEmbeddingsRequest,
  SieEncodeRequest,
  SieEncodeResponse,
  SieEntity,
  SieExtractRequest,
  SieExtractResponse,
  SieItem,
  SieScoreRequest,
  SieScoreResponse,
} from "./sie/schemas";
export { cosine } from "./vectors";
export { defaultSpecialists } from "./default-specialists";
export { evaluateGuard, type GuardEvaluation } from "./eval/evaluate-guard";
export {
  BRIEF_FIELDS,
  type BriefField,
  evaluateExtraction,
  type ExtractionEvaluation,
  type ExtractionMiss,
  type FieldAccuracy,
} from "./eval/evaluate-extraction";
export { type GuardMetrics, guardMetrics, pickThreshold, type ScoredPair } from "./eval/guard-metrics";
export { type LabelledBrief, type LabelledPair, loadBriefs, loadNearDuplicatePairs } from "./eval/labelled-sets";
