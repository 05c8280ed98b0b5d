import { z } from "zod";
import { findSpecialist, type SpecialistTask } from "./catalog";
import { SpecialistError } from "./errors";
import { type SpecialistJob, withFallback } from "./fallback-provider";
import { checkedInput } from "./input";
import { createLocalProvider, type LocalProviderOptions } from "./local-provider";
import { createSieClient } from "./sie/client";
import { createSieProvider } from "./sie-provider";
import type { SpecialistProvider } from "./types";

export interface CreateSpecialistsOptions {
  /** SIE's root URL; unset selects the offline provider. */
  sieUrl?: string;
  apiKey?: string;
  /** Per-attempt time limit for SIE calls. @defaultValue 5000 */
  timeoutMs?: number;
  /** @defaultValue 2 */
  maxRetries?: number;
  /** SIE model per job; each must be a catalog entry for that task. @defaultValue DEFAULT_SIE_MODELS */
  models?: Partial<Record<SpecialistTask, string | undefined>>;
  /** Answer from the offline provider when SIE stays down after its retries. @defaultValue false */
  fallbackToLocal?: boolean;
  onFallback?: (job: SpecialistJob, error: unknown) => void;
  local?: LocalProviderOptions;
  /** @defaultValue 0.5 */
  extractThreshold?: number;
  clock?: () => Date;
  fetch?: typeof fetch;
}

const FactorySchema = z.object({
  sieUrl: z.url({ protocol: /^https?$/ }).optional(),
  timeoutMs: z.number().int().min(1).max(300_000).default(5000),
  maxRetries: z.number().int().min(0).max(10).default(2),
});

/**
 * The provider the pipeline uses: SIE when a URL is configured, else the offline one. Models are checked
 * against the catalog here, once, so a typo fails at start-up rather than as a 404 on the first job.
 */
export function createSpecialists(options: CreateSpecialistsOptions = {}): SpecialistProvider {
  const { sieUrl, timeoutMs, maxRetries } = checkedInput(FactorySchema, options, "specialist options");
  const local = createLocalProvider({ ...options.local, clock: options.local?.clock ?? options.clock });
  if (sieUrl === undefined) return local;
  const models = definedModels(options.models ?? {});
  const { apiKey, fetch } = options;
  const client = createSieClient({ baseUrl: sieUrl, apiKey, timeoutMs, maxRetries, fetch });
  const sie = createSieProvider({ client, models, extractThreshold: options.extractThreshold, clock: options.clock });
  return options.fallbackToLocal ? withFallback(sie, local, options.onFallback) : sie;
}

function definedModels(models: Partial<Record<SpecialistTask, string | undefined>>) {
  const chosen: Partial<Record<SpecialistTask, string>> = {};
  for (const task of ["encode", "score", "extract"] as const) {
    const model = models[task];
    if (model === undefined) continue;
    if (!findSpecialist("sie", task, model)) {
      throw new SpecialistError(
        { kind: "unknown_model", operation: "createSpecialists", model },
        `"${model}" is not an SIE ${task} model in the specialist catalog; add it there (with what it is for) first.`,
      );
    }
    chosen[task] = model;
  }
  return chosen;
}
