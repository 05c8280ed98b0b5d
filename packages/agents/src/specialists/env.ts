import { z } from "zod";
import type { CreateSpecialistsOptions } from "./factory";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/**
 * The specialist layer's environment, validated once. An unset or empty SIE_URL selects the offline
 * provider; nothing else in this folder reads process.env.
 */
export const SpecialistsEnvSchema = z.object({
  SIE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SIE_API_KEY: optionalText,
  SIE_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(5000),
  SIE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  SIE_ENCODE_MODEL: optionalText,
  SIE_SCORE_MODEL: optionalText,
  SIE_EXTRACT_MODEL: optionalText,
  /**
   * The cosine at or above which the near-duplicate guard calls a piece a repeat, for the SIE encoder in use.
   * The catalog holds none for SIE models until one is calibrated on a live server (eval/print-report.ts);
   * unset, the guard records SIE-scored drafts as unchecked rather than guess.
   */
  SIE_DUPLICATE_THRESHOLD: optionalText.pipe(z.optional(z.coerce.number<string>().min(0).max(1))),
  /** "local": answer from the offline provider when SIE stays unavailable after its retries. */
  SIE_FALLBACK: z.enum(["none", "local"]).default("none"),
});
export type SpecialistsEnv = z.infer<typeof SpecialistsEnvSchema>;

export function parseSpecialistsEnv(source: Record<string, string | undefined> = process.env): SpecialistsEnv {
  const result = SpecialistsEnvSchema.safeParse(source);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment for the specialist models:\n  ${issues.join("\n  ")}`);
  }
  return result.data;
}

export function specialistsOptionsFromEnv(env: SpecialistsEnv): CreateSpecialistsOptions {
  return {
    sieUrl: env.SIE_URL,
    apiKey: env.SIE_API_KEY,
    timeoutMs: env.SIE_TIMEOUT_MS,
    maxRetries: env.SIE_MAX_RETRIES,
    models: { encode: env.SIE_ENCODE_MODEL, score: env.SIE_SCORE_MODEL, extract: env.SIE_EXTRACT_MODEL },
    fallbackToLocal: env.SIE_FALLBACK === "local",
  };
}
