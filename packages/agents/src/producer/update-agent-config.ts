import type { AgentConfig, PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError, SwitchyardError } from "../lib/errors";
import { ACTIVE_MODEL_IDS } from "../lib/model-catalog";
import { ExamplesModeSchema } from "../examples/examples-mode";
import { JudgeModeSchema } from "../quality/judge";
import { MAX_DUPLICATE_WINDOW_DAYS } from "../near-duplicates";
import { type PromptCacheSetting, PromptCacheSettingSchema } from "../prompts/cache-plan";
import { RouterModeSchema } from "../lib/tier-boundary";

const CatalogModelSchema = z
  .string()
  .refine((m) => ACTIVE_MODEL_IDS.includes(m), { message: `choose one of ${ACTIVE_MODEL_IDS.join(", ")}` });

export const AgentConfigUpdateSchema = z
  .object({
    configId: z.uuid(),
    /** The floor: routing may upgrade from it, never go below it. */
    model: CatalogModelSchema,
    adapter: z.enum(["auto", "anthropic", "simulated"]),
    isEnabled: z.boolean(),
    /** When the LLM judge grades this role's runs; left out, the stored mode stays. */
    judgeMode: JudgeModeSchema.optional(),
    /** The share of runs the judge grades in `sample` mode, a whole percent; left out, it stays. */
    judgeSamplePct: z.number().int("a whole percent").min(0).max(100).optional(),
    /** Whether an analysis cue found in a brief turns requiresReasoning on; left out, it stays. */
    applyBriefAnalysis: z.boolean().optional(),
    /** Jobs of this role wait for a Message Batch unless one asks for live (a blog backlog); left out, it stays. */
    isBatchByDefault: z.boolean().optional(),
    /**
     * Days back the near-duplicate guard compares this role's drafts with approved and published pieces;
     * 0 turns it off. Left out, it stays.
     */
    duplicateWindowDays: z.number().int("whole days").min(0).max(MAX_DUPLICATE_WINDOW_DAYS).optional(),
    /** How the prompt's approved examples are chosen (latest, topic_set, best_fit); left out, it stays. */
    examplesMode: ExamplesModeSchema.optional(),
    /** The quality-gated cascade: try the next model down first (never below the floor); left out, it stays. */
    cascadeEnabled: z.boolean().optional(),
    /** The gate's bar for the checks' and the judge's score, 0–1; left out, it stays. */
    cascadeThreshold: z.number().min(0).max(1).optional(),
    /**
     * "hybrid": a small model decides the tier of tasks near a tier boundary (the floor still applies);
     * "heuristic": the spec's rules alone. Left out, it stays.
     */
    routerMode: RouterModeSchema.optional(),
  })
  .strict();
export type AgentConfigUpdate = z.input<typeof AgentConfigUpdateSchema>;

export const JudgeModelUpdateSchema = z.object({ judgeModel: CatalogModelSchema }).strict();
export type JudgeModelUpdate = z.input<typeof JudgeModelUpdateSchema>;

export class AgentConfigNotFoundError extends SwitchyardError {
  constructor(id: string) {
    super("agent_config_not_found", `Agent configuration ${id} does not exist.`);
  }
}

/**
 * Changes a role's floor, adapter, switch or judge setting, inside one tenant: another tenant's
 * configuration is not found. The worker reads the judge setting when a run starts, so it
 * applies to every run that starts after the change.
 */
export async function updateAgentConfig(db: PrismaClient, tenantId: string, input: unknown): Promise<AgentConfig> {
  const parsed = AgentConfigUpdateSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidPayloadError("agent configuration", describeIssues(parsed.error.issues, "body"));
  const { configId, ...change } = parsed.data;
  const { count } = await db.agentConfig.updateMany({ where: { id: configId, tenantId }, data: change });
  if (count === 0) throw new AgentConfigNotFoundError(configId);
  return db.agentConfig.findUniqueOrThrow({ where: { id: configId } });
}

/** Sets the model the tenant's LLM judge runs on (a catalog model; a cheap one is the point). */
export async function updateJudgeModel(db: PrismaClient, tenantId: string, input: unknown): Promise<string> {
  const parsed = JudgeModelUpdateSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("judge model", describeIssues(parsed.error.issues, "body"));
  const tenant = await db.tenant.update({
    where: { id: tenantId },
    data: { judgeModel: parsed.data.judgeModel },
    select: { judgeModel: true },
  });
  return tenant.judgeModel;
}

export const PromptCacheUpdateSchema = z.object({ promptCacheTtl: PromptCacheSettingSchema }).strict();

/**
 * Sets the TTL of the tenant's cached prompt prefix: 5 minutes (writes bill 1.25x input), 1 hour
 * (2x, worth it when a role's jobs come less often than every five minutes) or off.
 */
export async function updatePromptCache(
  db: PrismaClient,
  tenantId: string,
  input: unknown,
): Promise<PromptCacheSetting> {
  const parsed = PromptCacheUpdateSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("prompt cache", describeIssues(parsed.error.issues, "body"));
  await db.tenant.update({ where: { id: tenantId }, data: { promptCacheTtl: parsed.data.promptCacheTtl } });
  return parsed.data.promptCacheTtl;
}
