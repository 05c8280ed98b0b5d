import { AGENT_ROLES, MODEL_CATALOG, TASK_COMPLEXITIES } from "@switchyard/agents";
import type { ContentFilters } from "../lib/server/content-filters";
import { shortModel } from "../lib/view/format";

const STATE_LABELS = {
  awaiting: "Awaiting review",
  flagged: "Flagged near-duplicates",
  approved: "Approved",
  rejected: "Rejected",
} as const;

/** The review queue's filters as a GET form: every view is a link, and the pager keeps them. */
export function ContentFilterBar({
  filters,
  tenants,
}: {
  filters: ContentFilters;
  tenants: { id: string; name: string }[];
}) {
  return (
    <form className="row card" method="get" action="/content" aria-label="Content filters">
      <label>
        Status
        <select name="status" defaultValue={filters.status}>
          {Object.entries(STATE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agent role
        <select name="role" defaultValue={filters.role ?? ""}>
          <option value="">All roles</option>
          {AGENT_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Model
        <select name="model" defaultValue={filters.model ?? ""}>
          <option value="">All models</option>
          {Object.keys(MODEL_CATALOG).map((m) => (
            <option key={m} value={m}>
              {shortModel(m)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tier
        <select name="tier" defaultValue={filters.tier ?? ""}>
          <option value="">All tiers</option>
          {TASK_COMPLEXITIES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {tenants.length > 1 && (
        <label>
          Tenant
          <select name="tenant" defaultValue={filters.tenant ?? ""}>
            <option value="">All tenants</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">Apply</button>
    </form>
  );
}
