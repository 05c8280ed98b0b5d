import { z } from "zod";

/**
 * How a role's prompts choose the tenant's approved pieces shown as examples of its voice. The examples
 * sit in the cached prefix, so the choice trades fit to the job against prompt-cache hits:
 * - `latest`: the newest approved pieces. One prefix per role and hour: the most cache hits, no fit.
 * - `topic_set`: the pool grouped into a few stable topic sets of `MAX_EXAMPLES` pieces; each job gets the
 *   set that best fits its brief, shown whole in a fixed order, so jobs on similar topics send the same
 *   prefix byte for byte. A handful of prefixes per role and hour; most of the fit.
 * - `best_fit`: the pieces that fit each brief best. Full fit; a prefix per distinct choice, so few hits.
 */
export const ExamplesModeSchema = z.enum(["latest", "topic_set", "best_fit"]);
export type ExamplesMode = z.infer<typeof ExamplesModeSchema>;

/** What a run records about the examples its prompt carried (`agent_runs.prompt_examples`). */
export const PromptExamplesRecordSchema = z.object({
  mode: ExamplesModeSchema,
  /** Candidates the choice was made from: the newest approved pieces before the current hour. */
  pool: z.number().int().min(0),
  /** In the order the prompt shows them; `score` against the brief when the pool was ranked. */
  examples: z.array(z.object({ id: z.string(), title: z.string(), score: z.number().optional() })),
  /** The specialist provider and model that ranked the pool; scores compare only within one source. */
  source: z.object({ provider: z.string(), model: z.string() }).optional(),
  /** Mean score of the examples shown, and of the best `MAX_EXAMPLES` the pool held (the best possible choice). */
  fit: z.object({ chosen: z.number(), best: z.number() }).optional(),
  /** `topic_set`: the set chosen (0 is the set of the newest piece) and how many the pool made. */
  set: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }).optional(),
  /** Ranking failed and the newest pieces were shown instead: why. */
  fallback: z.string().optional(),
});
export type PromptExamplesRecord = z.infer<typeof PromptExamplesRecordSchema>;
