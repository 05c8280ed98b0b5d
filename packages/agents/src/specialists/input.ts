import type { z } from "zod";
import { SpecialistError } from "./errors";

/** Parses a caller's input at the provider boundary; a bad one is a bad_request naming the field. */
export function checkedInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || what}: ${i.message}`).join("; ");
  const details = { kind: "bad_request" as const, operation: what, cause: parsed.error };
  throw new SpecialistError(details, `Invalid ${what}: ${issues}.`);
}
