import { describeIssues, SwitchyardError } from "@switchyard/agents";
import { ZodError } from "zod";
import { errorSummary } from "../server/api-errors";
import { logger } from "../server/logger";

export interface FormState {
  error?: string;
  message?: string;
  /** A secret shown this once (a new API key): the form shows it until the page is left. */
  secret?: string;
}

/** Turns a typed error into a message the form shows; anything unexpected is logged, not leaked. */
export function failure(error: unknown): FormState {
  if (error instanceof SwitchyardError) return { error: error.message };
  if (error instanceof ZodError) return { error: describeIssues(error.issues).join("; ") };
  logger().error({ err: errorSummary(error) }, "dashboard action failed");
  return { error: "Something went wrong; nothing was changed." };
}
