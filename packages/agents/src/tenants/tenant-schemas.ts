import { z } from "zod";
import { AgentRoleSchema } from "../lib/agent-roles";
import { ACTIVE_MODEL_IDS } from "../lib/model-catalog";
import { storableText } from "../lib/text";

/** A new tenant's floor for every role nobody named: the cheapest model; routing upgrades from it per task. */
export const DEFAULT_FLOOR = "claude-haiku-4-5-20251001";
export const DEFAULT_BASELINE_MODEL = "claude-sonnet-4-6";

const CatalogModelSchema = z
  .string()
  .refine((m) => ACTIVE_MODEL_IDS.includes(m), { message: `choose one of ${ACTIVE_MODEL_IDS.join(", ")}` });

/** Lower-case letters, digits and inner hyphens, 2–50 characters: it goes in URLs and on the command line. */
export const TenantSlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])$/, "2-50 lower-case letters, digits and hyphens (not at either end)");

export const CreateTenantSchema = z
  .object({
    slug: TenantSlugSchema,
    name: storableText(100, 1),
    /** What every run is priced on for the savings figure. */
    baselineModel: CatalogModelSchema.default(DEFAULT_BASELINE_MODEL),
    /** The floor (AgentConfig model) per role; a role left out gets DEFAULT_FLOOR. */
    floors: z.partialRecord(AgentRoleSchema, CatalogModelSchema).default({}),
  })
  .strict();
export type CreateTenantInput = z.input<typeof CreateTenantSchema>;

export const MemberRoleSchema = z.enum(["owner", "editor", "viewer"], {
  error: "choose owner, editor or viewer",
});

export const AddPersonSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(200)
      .pipe(z.email({ error: "a valid email address" })),
    /** Required for someone new; a person who already has an account keeps their name. */
    name: storableText(100, 1).optional(),
    role: MemberRoleSchema,
  })
  .strict();
export type AddPersonInput = z.input<typeof AddPersonSchema>;

/** Long enough to resist guessing without rules about character classes (NIST SP 800-63B's advice). */
export const NewPasswordSchema = z
  .string()
  .min(12, "at least 12 characters")
  .max(200, "at most 200 characters")
  .refine((p) => !p.includes("\u0000"), "no NUL characters");
