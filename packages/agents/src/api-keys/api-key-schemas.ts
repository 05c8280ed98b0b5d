import { z } from "zod";
import { storableText } from "../lib/text";

/** A rotated key's grace period is bounded: a week (as Stripe's rolled keys), long enough for any redeploy. */
export const MAX_ROTATION_GRACE_MINUTES = 7 * 24 * 60;

export const ApiKeyNameSchema = storableText(100, 1);

export const IssueApiKeySchema = z.object({ name: ApiKeyNameSchema }).strict();

export const RevokeApiKeySchema = z.object({ keyId: z.uuid() }).strict();

export const RotateApiKeySchema = z
  .object({
    keyId: z.uuid(),
    /** How long the old key keeps working, in whole minutes; 0 stops it at once. */
    graceMinutes: z.number().int("whole minutes").min(0).max(MAX_ROTATION_GRACE_MINUTES),
  })
  .strict();

/**
 * A grace period as people type it on the command line: `0`, `90m`, `24h`, `7d` (a bare number is minutes).
 * Validated against the same bound as the dashboard's.
 */
export const GraceDurationSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}[mhd]?$/, "a whole number of minutes, or one followed by m, h or d (e.g. 90m, 24h, 7d)")
  .transform((text) => {
    const unit = text.at(-1);
    const amount = Number.parseInt(text, 10);
    return unit === "d" ? amount * 24 * 60 : unit === "h" ? amount * 60 : amount;
  })
  .pipe(z.number().max(MAX_ROTATION_GRACE_MINUTES, "at most 7 days (7d)"));
