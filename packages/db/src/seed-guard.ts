import { z } from "zod";

const SeedEnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  /** "true" lets `db:seed` write demo data into a production database (the flag --allow-production does too). */
  SEED_ALLOW_PRODUCTION: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()),
});

export const ALLOW_PRODUCTION_FLAG = "--allow-production";

export interface SeedDecision {
  isProduction: boolean;
  /** Why the seed will not run; undefined when it may. */
  refusal?: string;
}

/**
 * The seed writes demo people with a published password and public demo keys: with NODE_ENV=production it
 * refuses unless told explicitly, by flag or variable.
 */
export function decideSeed(argv: readonly string[], env: Record<string, string | undefined>): SeedDecision {
  const parsed = SeedEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { isProduction: true, refusal: `SEED_ALLOW_PRODUCTION must be "true" or "false".` };
  }
  const isProduction = parsed.data.NODE_ENV === "production";
  const isAllowed = argv.includes(ALLOW_PRODUCTION_FLAG) || parsed.data.SEED_ALLOW_PRODUCTION === "true";
  if (!isProduction || isAllowed) return { isProduction };
  return {
    isProduction,
    refusal:
      "Refusing to seed demo data with NODE_ENV=production: it creates demo people with a published password. " +
      `If you mean it, run \`pnpm db:seed ${ALLOW_PRODUCTION_FLAG}\` or set SEED_ALLOW_PRODUCTION=true.`,
  };
}
