import { z } from "zod";

const UsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number().optional(),
  cacheWriteTokens: z.number().optional(),
  cacheWrite1hTokens: z.number().optional(),
});

/** What a run records about its cascade (`agent_runs.cascade`). */
export const CascadeRecordSchema = z.object({
  outcome: z.enum(["accepted", "escalated", "skipped"]),
  /** Why the cascade did not run. */
  skipped: z.string().optional(),
  routedModel: z.string(),
  cheapModel: z.string().optional(),
  /** The gate's bar (0–1) for both the checks' score and the judge's. */
  threshold: z.number(),
  gate: z
    .object({
      checksScore: z.number(),
      judgeStatus: z.enum(["not_sampled", "scored", "failed", "skipped"]),
      judgeScore: z.number().optional(),
      isPassed: z.boolean(),
    })
    .optional(),
  /**
   * The cheaper call when its draft was discarded (escalated): charged with the run, recorded apart so the run's
   * own tokens stay the kept draft's. The gate's judge call is charged too (`gateJudgeCostMicros`).
   */
  discarded: z
    .object({ model: z.string(), usage: UsageSchema, costMicros: z.number(), continuations: z.number() })
    .optional(),
  gateJudgeCostMicros: z.number().optional(),
});
export type CascadeRecord = z.infer<typeof CascadeRecordSchema>;
