import type { PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { type RoutingTable, RoutingTableSchema } from "../replay/replay-policy";

export const RoutingOverridesUpdateSchema = z.object({ routingOverrides: RoutingTableSchema }).strict();
export type RoutingOverridesUpdate = z.input<typeof RoutingOverridesUpdateSchema>;

/**
 * Replaces the tenant's tier → model table (per role; a tier left out routes as the default table
 * says). Only known roles, tiers and active catalog models pass. The floor is not part of it: the
 * router still never goes below each role's floor, whatever the table says.
 */
export async function updateRoutingOverrides(
  db: PrismaClient,
  tenantId: string,
  input: unknown,
): Promise<RoutingTable> {
  const parsed = RoutingOverridesUpdateSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidPayloadError("routing overrides", describeIssues(parsed.error.issues, "body"));
  }
  const table = Object.fromEntries(
    Object.entries(parsed.data.routingOverrides).filter(([, tiers]) => Object.keys(tiers).length > 0),
  ) as RoutingTable;
  await db.tenant.update({ where: { id: tenantId }, data: { routingOverrides: table } });
  return table;
}
