import type { AgentConfig, PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError, SwitchyardError } from "../lib/errors";
import { ACTIVE_MODEL_IDS } from "../lib/model-catalog";

export const AgentConfigUpdateSchema = z
  .object({
    configId: z.uuid(),
    /** The floor: routing may upgrade from it, never go below it. */
    model: z
      .string()
      .refine((m) => ACTIVE_MODEL_IDS.includes(m), { message: `choose one of ${ACTIVE_MODEL_IDS.join(", ")}` }),
    adapter: z.enum(["auto", "anthropic", "simulated"]),
    isEnabled: z.boolean(),
  })
  .strict();
export type AgentConfigUpdate = z.input<typeof AgentConfigUpdateSchema>;

export class AgentConfigNotFoundError extends SwitchyardError {
  constructor(id: string) {
    super("agent_config_not_found", `Agent configuration ${id} does not exist.`);
  }
}

/** Changes a role's floor, adapter or switch, inside one tenant: another tenant's configuration is not found. */
export async function updateAgentConfig(db: PrismaClient, tenantId: string, input: unknown): Promise<AgentConfig> {
  const parsed = AgentConfigUpdateSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidPayloadError("agent configuration", describeIssues(parsed.error.issues, "body"));
  const { configId, ...change } = parsed.data;
  const { count } = await db.agentConfig.updateMany({ where: { id: configId, tenantId }, data: change });
  if (count === 0) throw new AgentConfigNotFoundError(configId);
  return db.agentConfig.findUniqueOrThrow({ where: { id: configId } });
}
