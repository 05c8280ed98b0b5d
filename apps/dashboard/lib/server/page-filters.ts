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
  /** Whose runs the analytics show; unset, real runs when there are any (see `chooseSources`). */
  source: z.enum(["real", "simulated", "synthetic", "all"]).optional().catch(undefined),
  status: z.enum(["queued", "running", "succeeded", "failed", "refused_credits"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** Keyset cursors of the runs tab: older than `after`, or newer than `before`. */
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});
export type PageFilters = z.infer<typeof PageFiltersSchema>;

export function parseFilters(searchParams: Record<string, string | string[] | undefined>): PageFilters {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return PageFiltersSchema.parse(flat);
}

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The days a filter covers, as UTC dates (first and last included): what is asked for, else
 * the 30 days ending today. The page fills its date fields with these, so the range in effect
 * is always the one on screen.
 */
export function effectiveDays(filters: PageFilters, now = new Date()): { from: string; to: string } {
  const to = filters.to ?? utcDay(now);
  const from = filters.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  return { from, to };
}

/** The effective range as UTC midnights, for queries. */
export function dateRange(filters: PageFilters, now = new Date()): { from: Date; to: Date } {
  const { from, to } = effectiveDays(filters, now);
  return { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`) };
}
