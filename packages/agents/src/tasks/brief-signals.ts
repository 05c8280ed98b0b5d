import { z } from "zod";

/** What a brief asks, as stored on the run: the extraction, or why there is none. */
export const BriefSignalsSchema = z.union([
  z.object({
    products: z.array(z.string()),
    dates: z.array(z.object({ text: z.string(), start: z.string().nullable(), end: z.string().optional() })),
    audience: z.array(z.string()),
    callsToAction: z.array(z.string()),
    needsAnalysis: z.boolean(),
    analysisCues: z.array(z.string()),
    source: z.object({ provider: z.string(), model: z.string() }),
  }),
  z.object({ error: z.string() }),
]);
export type BriefSignals = z.infer<typeof BriefSignalsSchema>;
