import { AGENT_ROLES } from "@switchyard/agents";
import type { PageFilters } from "../lib/server/page-filters";
import { SOURCE_FILTERS, type SourceFilter } from "../lib/view/analytics-sources";

/** A GET form: filters live in the URL, so every view can be linked and reloaded. */
export function FilterBar({
  filters,
  tenants,
  tab,
  days,
  source,
  isDateShown = true,
  isStatusShown = false,
  isRoleShown = true,
}: {
  filters: PageFilters;
  tenants?: { id: string; name: string }[];
  tab: string;
  /** The range in effect (UTC days), shown in the date fields even when the URL names none. */
  days: { from: string; to: string };
  /** The source filter in effect; the select is shown only with one. */
  source?: SourceFilter;
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
            From (UTC)
            <input type="date" name="from" defaultValue={days.from} />
          </label>
          <label>
            To (UTC)
            <input type="date" name="to" defaultValue={days.to} />
          </label>
        </>
      )}
      {source && (
        <label>
          Source
          <select name="source" defaultValue={source}>
            {SOURCE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "all" ? "all sources" : s}
              </option>
            ))}
          </select>
        </label>
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
