import { isSpecialistError, type SpecialistErrorKind } from "./errors";
import type { SpecialistProvider } from "./types";

/**
 * Only an outage falls back: a request SIE refused (bad request, unknown model), a malformed answer or a
 * caller's cancel would be hidden by a quiet switch, and they need fixing, not routing around.
 */
const FALLS_BACK: ReadonlySet<SpecialistErrorKind> = new Set(["timeout", "unavailable", "model_load_failed"]);

export type SpecialistJob = "similarity" | "rank" | "extract";

/**
 * Answers from `primary`, or from `fallback` when the primary is down. Each result keeps its own source,
 * so a caller comparing scores to a threshold can tell a Jaccard from a cosine.
 */
export function withFallback(
  primary: SpecialistProvider,
  fallback: SpecialistProvider,
  onFallback: (job: SpecialistJob, error: unknown) => void = () => {},
): SpecialistProvider {
  async function attempt<T>(job: SpecialistJob, first: () => Promise<T>, second: () => Promise<T>): Promise<T> {
    try {
      return await first();
    } catch (error) {
      if (!isSpecialistError(error) || !FALLS_BACK.has(error.kind)) throw error;
      onFallback(job, error);
      return second();
    }
  }
  const embed = primary.embed?.bind(primary);
  return {
    name: primary.name,
    // Vectors only come from the primary: the fallback's scores are of another kind, and `similarity` covers it.
    ...(embed && { embed }),
    similarity: (text, candidates, options) =>
      attempt(
        "similarity",
        () => primary.similarity(text, candidates, options),
        () => fallback.similarity(text, candidates, options),
      ),
    rank: (query, documents, options) =>
      attempt(
        "rank",
        () => primary.rank(query, documents, options),
        () => fallback.rank(query, documents, options),
      ),
    extract: (text, options) =>
      attempt(
        "extract",
        () => primary.extract(text, options),
        () => fallback.extract(text, options),
      ),
  };
}
