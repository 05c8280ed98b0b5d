import "server-only";
import { AGENT_ROLES, MODEL_CATALOG, TASK_COMPLEXITIES } from "@switchyard/agents";
import type { ContentStatus } from "@switchyard/db";
import { z } from "zod";

/** The review queue's states, in people's words, and the content status each reads. */
export const REVIEW_STATES = {
  awaiting: "draft",
  /** Drafts the near-duplicate guard kept but flagged: still too close to an approved piece after a rewrite. */
  flagged: "draft",
  approved: "approved",
  rejected: "rejected",
} as const satisfies Record<string, ContentStatus>;
export type ReviewState = keyof typeof REVIEW_STATES;
export const CONTENT_PAGE_SIZE = 25;

const isKnownModel = (id: string) => Object.hasOwn(MODEL_CATALOG, id);

/** `/content` query string, validated; anything malformed falls back to its default rather than erroring. */
export const ContentFiltersSchema = z.object({
  status: z.enum(["awaiting", "flagged", "approved", "rejected"]).catch("awaiting"),
  role: z.enum(AGENT_ROLES).optional().catch(undefined),
  model: z.string().max(100).refine(isKnownModel).optional().catch(undefined),
  tier: z.enum(TASK_COMPLEXITIES).optional().catch(undefined),
  tenant: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ContentFilters = z.infer<typeof ContentFiltersSchema>;

export function parseContentFilters(searchParams: Record<string, string | string[] | undefined>): ContentFilters {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ContentFiltersSchema.parse(flat);
}

/** A `/content` link with the same filters on another page (or with some filters changed). */
export function contentHref(filters: ContentFilters, change: Partial<ContentFilters> = {}): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams({ status: next.status });
  for (const name of ["role", "model", "tier", "tenant"] as const) {
    const value = next[name];
    if (value) params.set(name, value);
  }
  if (next.page > 1) params.set("page", String(next.page));
  return `/content?${params.toString()}`;
}
