import { z } from "zod";
import { AGENT_ROLES } from "../lib/agent-roles";
import { ACTIVE_MODEL_IDS } from "../lib/model-catalog";
import { TASK_COMPLEXITIES } from "../lib/model-router";

const CatalogModelSchema = z
  .string()
  .refine((m) => ACTIVE_MODEL_IDS.includes(m), { message: `choose one of ${ACTIVE_MODEL_IDS.join(", ")}` });

/**
 * A tenant's replacement of the tier → model table, per role, checked against the catalog: the shape the
 * router reads (RoutingOverridesSchema), with only known roles, tiers and active models allowed in.
 */
export const RoutingTableSchema = z.partialRecord(
  z.enum(AGENT_ROLES),
  z.partialRecord(z.enum(TASK_COMPLEXITIES), CatalogModelSchema),
);
export type RoutingTable = z.infer<typeof RoutingTableSchema>;

/** "recorded": each run as it was billed; "all": every run that may wait did; "none": every run live. */
export const BatchReplaySchema = z.enum(["recorded", "all", "none"]);
export type BatchReplay = z.infer<typeof BatchReplaySchema>;

/**
 * The alternative a replay prices: which model each tier of each role goes to, the floor of each role,
 * and the caching and Message Batch settings. Left out, a part stays as it was when the runs ran: the
 * default tier table, each run's recorded floor, its recorded cache use and whether it was batched.
 */
export const ReplayPolicySchema = z
  .object({
    routing: RoutingTableSchema.default({}),
    /** A role's floor under the policy: routing may go up from it, never below. */
    floors: z.partialRecord(z.enum(AGENT_ROLES), CatalogModelSchema).default({}),
    /** "off": every cache read and write billed as plain input. */
    caching: z.enum(["recorded", "off"]).default("recorded"),
    batch: z.partialRecord(z.enum(AGENT_ROLES), BatchReplaySchema).default({}),
    /**
     * The quality-gated cascade on a role at a gate threshold (0–1): estimated from the gate scores the
     * tenant's cascaded runs recorded (acceptance at that threshold, with n), not replayed call by call.
     */
    cascade: z
      .partialRecord(z.enum(AGENT_ROLES), z.object({ threshold: z.number().min(0).max(1) }).strict())
      .default({}),
  })
  .strict();
export type ReplayPolicy = z.infer<typeof ReplayPolicySchema>;
export type ReplayPolicyInput = z.input<typeof ReplayPolicySchema>;

const DaySchema = z.iso.date();

/** What a replay is asked: one tenant, a range of UTC days (both included, at most a year), a policy. */
export const ReplayRequestSchema = z
  .object({
    tenantId: z.uuid(),
    from: DaySchema,
    to: DaySchema,
    /** Whose runs: real, simulated, synthetic; left out, every source. */
    sources: z
      .array(z.enum(["real", "simulated", "synthetic"]))
      .min(1)
      .optional(),
    policy: ReplayPolicySchema.default({ routing: {}, floors: {}, caching: "recorded", batch: {}, cascade: {} }),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["from"] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, {
    message: "a replay covers at most 366 days",
    path: ["to"],
  });
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;
