import { AGENT_ROLES } from "@switchyard/agents";
import type { PageFilters } from "../lib/server/page-filters";

/** A GET form: filters live in the URL, so every view can be linked and reloaded. */
export function FilterBar({
  filters,
  tenants,
  tab,
  isDateShown = true,
  isStatusShown = false,
  isRoleShown = true,
}: {
  filters: PageFilters;
  tenants?: { id: string; name: string }[];
  tab: string;
  isDateShown?: boolean;
  isStatusShown?: boolean;
  isRoleShown?: boolean;
}) {
  return (
    <form className="row card" method="get" action="/agents" aria-label="Filters">
      <input type="hidden" name="tab" value={tab} />
      {isDateShown && (
        <>
          <label>
            From
            <input type="date" name="from" defaultValue={filters.from} />
          </label>
          <label>
            To
            <input type="date" name="to" defaultValue={filters.to} />
          </label>
        </>
      )}
      {isRoleShown && (
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
      )}
      {isStatusShown && (
        <label>
          Status
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any status</option>
            {["queued", "running", "succeeded", "failed", "refused_credits"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {tenants && tenants.length > 1 && (
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
