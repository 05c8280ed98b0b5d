import { z } from "zod";

/**
 * Text PostgreSQL can store: no NUL characters (text and jsonb reject them) and no
 * unpaired surrogates (jsonb rejects the escape). Checked at the boundary so such
 * input is a 400 naming the field, not a failed insert.
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A trimmed string of at most `max` characters (at least `min`) that PostgreSQL can store. */
export function storableText(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isStorableText, { message: "must be valid Unicode text without NUL characters" });
}
