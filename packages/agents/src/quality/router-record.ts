import { z } from "zod";
import { TASK_COMPLEXITIES } from "../lib/model-router";
import { ROUTER_MODES } from "../lib/tier-boundary";

const TierSchema = z.enum(TASK_COMPLEXITIES);

/**
 * Which router decided a run's tier and why (`routing_signals.router`). In hybrid mode, a close call goes to
 * the classifier; its call's cost and latency are the run's routing overhead (charged with the run).
 */
export const RouterRecordSchema = z.object({
  mode: z.enum(ROUTER_MODES),
  decidedBy: z.enum(["heuristic", "classifier"]),
  /** Why that router decided: not a close call, the breaker open (and why), the classifier's failure, its choice. */
  why: z.string(),
  /** The tier the spec's rules chose; the run's tier when the heuristic decided. */
  heuristicTier: TierSchema,
  /** The close call, when the task was one. */
  boundary: z
    .object({
      rule: z.enum(["revised_short_form", "analysis_without_reasoning", "length_band"]),
      tiers: z.array(TierSchema),
    })
    .optional(),
  /** The classifier's call, when one was made. */
  classifier: z
    .object({
      model: z.string(),
      status: z.enum(["chosen", "failed"]),
      tier: TierSchema.optional(),
      reason: z.string().optional(),
      error: z.string().optional(),
      /** Routing overhead: what the call cost (charged with the run) and how long it took. */
      costMicros: z.number(),
      latencyMs: z.number(),
      /** What was held for the call before it was made. */
      heldMicros: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
    })
    .optional(),
});
export type RouterRecord = z.infer<typeof RouterRecordSchema>;
