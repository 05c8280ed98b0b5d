import { readFile } from "node:fs/promises";
import { z } from "zod";

/** The labelled sets' file formats, checked when loaded so a typo in a fixture fails loudly, not as a low score. */
export const NearDuplicateSetSchema = z.object({
  description: z.string(),
  pairs: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(["reworded", "same_topic", "unrelated"]),
        channel: z.enum(["social", "email", "blog"]),
        duplicate: z.boolean(),
        a: z.string().min(1),
        b: z.string().min(1),
        note: z.string().optional(),
      }),
    )
    .min(1),
});
export type LabelledPair = z.infer<typeof NearDuplicateSetSchema>["pairs"][number];

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ExpectedBriefSchema = z.object({
  products: z.array(z.string()),
  /** First day of each date mention. */
  dates: z.array(IsoDay),
  audience: z.array(z.string()),
  callsToAction: z.array(z.string()),
  needsAnalysis: z.boolean(),
});
export type ExpectedBrief = z.infer<typeof ExpectedBriefSchema>;

export const BriefSetSchema = z
  .object({
    description: z.string(),
    now: z.iso.datetime().transform((value) => new Date(value)),
    tenants: z.record(z.string(), z.array(z.string())),
    briefs: z
      .array(
        z.object({
          id: z.string(),
          /** "dev": the offline rules were developed against it; "holdout": written after, never used to tune. */
          split: z.enum(["dev", "holdout"]),
          tenant: z.string(),
          text: z.string().min(1),
          expected: ExpectedBriefSchema,
          note: z.string().optional(),
        }),
      )
      .min(1),
  })
  .refine((set) => set.briefs.every((brief) => brief.tenant in set.tenants), { message: "a brief names no tenant" });

export interface LabelledBrief {
  id: string;
  split: "dev" | "holdout";
  text: string;
  /** The tenant's product dictionary. */
  products: string[];
  now: Date;
  expected: ExpectedBrief;
}

export async function loadNearDuplicatePairs(path: string): Promise<LabelledPair[]> {
  return NearDuplicateSetSchema.parse(JSON.parse(await readFile(path, "utf8"))).pairs;
}

export async function loadBriefs(path: string): Promise<LabelledBrief[]> {
  const set = BriefSetSchema.parse(JSON.parse(await readFile(path, "utf8")));
  return set.briefs.map((brief) => ({
    id: brief.id,
    split: brief.split,
    text: brief.text,
    products: set.tenants[brief.tenant] ?? [],
    now: set.now,
    expected: brief.expected,
  }));
}
