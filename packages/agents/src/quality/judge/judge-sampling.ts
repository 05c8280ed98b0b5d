import { createHash } from "node:crypto";
import { z } from "zod";

export const JudgeModeSchema = z.enum(["always", "sample", "off"]);
export type JudgeMode = z.infer<typeof JudgeModeSchema>;

/**
 * Whether the judge grades this run. Decided from the run id, so every attempt of a run (and
 * every replay) decides the same, and a sample of `percent` percent is spread evenly over runs.
 */
export function isJudgeSampled(runId: string, mode: JudgeMode, percent: number): boolean {
  if (mode === "off") return false;
  if (mode === "always") return true;
  const bucket = createHash("sha256").update(runId).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}
