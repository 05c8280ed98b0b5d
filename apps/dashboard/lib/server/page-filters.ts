import "server-only";
import { AGENT_ROLES } from "@switchyard/agents";
import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));

/** Query-string filters, validated; anything malformed falls back to the default rather than erroring. */
export const PageFiltersSchema = z.object({
  tab: z.enum(["runs", "analytics", "queues", "config"]).catch("runs"),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  role: z.enum(AGENT_ROLES).optional().catch(undefined),
  tenant: z.uuid().optional().catch(undefined),
  status: z.enum(["queued", "running", "succeeded", "failed", "refused_credits"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PageFilters = z.infer<typeof PageFiltersSchema>;

export function parseFilters(searchParams: Record<string, string | string[] | undefined>): PageFilters {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return PageFiltersSchema.parse(flat);
}

/** The date range a filter names, defaulting to the last 30 days. */
export function dateRange(filters: PageFilters): { from: Date; to: Date } {
  const to = filters.to ? new Date(`${filters.to}T00:00:00Z`) : new Date();
  const from = filters.from ? new Date(`${filters.from}T00:00:00Z`) : new Date(to.getTime() - 29 * 86_400_000);
  return { from, to };
}
