import "server-only";
import {
  AGENT_ROLES,
  type ReplayAnswer,
  type ReplayPolicyInput,
  replayRuns,
  RoutingTableSchema,
  SwitchyardError,
  TASK_COMPLEXITIES,
} from "@switchyard/agents";
import type { RunSource } from "@switchyard/db";
import { canAccess, visibleTenantIds, type Viewer } from "./auth";
import { effectiveDays, type PageFilters } from "./page-filters";
import { db } from "./services";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The replay form's fields: `rt.<role>.<tier>` (model), `rf.<role>` (floor), `rc` (caching), `rb.<role>` (batch),
 * `rk.<role>` (the cascade's gate threshold; blank: off).
 */
export const replayField = {
  tier: (role: string, tier: string) => `rt.${role}.${tier}`,
  floor: (role: string) => `rf.${role}`,
  caching: "rc",
  batch: (role: string) => `rb.${role}`,
  cascade: (role: string) => `rk.${role}`,
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * The policy the form asks for: blank fields are "as recorded" (or the default table) and are left out;
 * whatever is left is validated by the replay's own schema, so a forged value is refused, not guessed at.
 */
export function policyFromParams(params: SearchParams): ReplayPolicyInput {
  const routing: Record<string, Record<string, string>> = {};
  const floors: Record<string, string> = {};
  const batch: Record<string, string> = {};
  const cascade: Record<string, { threshold: number }> = {};
  for (const role of AGENT_ROLES) {
    for (const tier of TASK_COMPLEXITIES) {
      const model = first(params[replayField.tier(role, tier)]);
      if (model) routing[role] = { ...routing[role], [tier]: model };
    }
    const floor = first(params[replayField.floor(role)]);
    if (floor) floors[role] = floor;
    const mode = first(params[replayField.batch(role)]);
    if (mode && mode !== "recorded") batch[role] = mode;
    // Not a number reaches the schema as NaN and is refused there.
    const threshold = first(params[replayField.cascade(role)]);
    if (threshold) cascade[role] = { threshold: Number(threshold) };
  }
  const caching = first(params[replayField.caching]);
  return { routing, floors, batch, cascade, ...(caching && { caching: caching as "recorded" }) };
}

export type ReplayView =
  | { status: "choose_tenant" }
  | {
      status: "ready" | "error";
      tenant: { id: string; name: string };
      /** Whether this viewer may save the table as the tenant's routing overrides. */
      canSave: boolean;
      /** The tier table saved now, and each role's floor now: what the form starts from. */
      current: { routing: Record<string, Record<string, string>>; floors: Record<string, string> };
      isAsked: boolean;
      asked: ReplayPolicyInput;
      answer?: ReplayAnswer;
      error?: string;
      elapsedMs?: number;
    };

/**
 * The replay panel of the analytics tab, for one tenant (the filtered one, or the only one the viewer
 * sees), over the tab's range and sources. Without `replay=1` the form shows the tenant's current table
 * and nothing is computed.
 */
export async function loadReplayFor(
  viewer: Viewer,
  filters: PageFilters,
  params: SearchParams,
  sources: RunSource[] | undefined,
): Promise<ReplayView> {
  const visible = visibleTenantIds(viewer);
  const tenantId = filters.tenant ?? (visible?.length === 1 ? visible[0] : undefined);
  if (!tenantId || !canAccess(viewer, tenantId)) return { status: "choose_tenant" };
  const [tenant, configs] = await Promise.all([
    db().tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { id: true, name: true, routingOverrides: true },
    }),
    db().agentConfig.findMany({ where: { tenantId }, select: { role: true, model: true } }),
  ]);
  const routing = RoutingTableSchema.safeParse(tenant.routingOverrides).data ?? {};
  const current = {
    routing: routing as Record<string, Record<string, string>>,
    floors: Object.fromEntries(configs.map((c) => [c.role, c.model])),
  };
  const base = {
    tenant: { id: tenant.id, name: tenant.name },
    canSave: canAccess(viewer, tenantId, "owner"),
    current,
  };
  const isAsked = first(params.replay) === "1";
  const asked = isAsked ? policyFromParams(params) : { routing: current.routing };
  if (!isAsked) return { status: "ready", ...base, isAsked, asked };
  const started = performance.now();
  try {
    const answer = await replayRuns(db(), { tenantId, ...effectiveDays(filters), sources, policy: asked });
    return { status: "ready", ...base, isAsked, asked, answer, elapsedMs: performance.now() - started };
  } catch (error) {
    if (!(error instanceof SwitchyardError)) throw error;
    return { status: "error", ...base, isAsked, asked, error: error.message };
  }
}
