import Link from "next/link";
import { AnalyticsTab } from "../../components/analytics-tab";
import { ConfigTab } from "../../components/config-tab";
import { FilterBar } from "../../components/filter-bar";
import { NavBar } from "../../components/nav-bar";
import { QueuesTab } from "../../components/queues-tab";
import { RunsTab } from "../../components/runs-tab";
import { requireViewer } from "../../lib/server/auth";
import { parseFilters } from "../../lib/server/page-filters";
import { listVisibleTenants } from "../../lib/server/tenants-view";

export const dynamic = "force-dynamic";

const TABS = [
  ["runs", "Runs"],
  ["analytics", "Analytics"],
  ["queues", "Queues"],
  ["config", "Configuration"],
] as const;

export default async function AgentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const filters = parseFilters(await searchParams);
  const tenants = await listVisibleTenants(viewer);
  return (
    <>
      <NavBar viewer={viewer} />
      <main>
        <h1>Agents</h1>
        <nav className="tabs" aria-label="Agent tabs">
          {TABS.map(([tab, label]) => (
            <Link key={tab} href={`/agents?tab=${tab}`} aria-current={filters.tab === tab ? "page" : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <FilterBar
          filters={filters}
          tenants={tenants}
          tab={filters.tab}
          isDateShown={filters.tab === "analytics"}
          isStatusShown={filters.tab === "runs"}
          isRoleShown={filters.tab !== "queues"}
        />
        {filters.tab === "analytics" && <AnalyticsTab viewer={viewer} filters={filters} />}
        {filters.tab === "runs" && <RunsTab viewer={viewer} filters={filters} />}
        {filters.tab === "queues" && <QueuesTab viewer={viewer} filters={filters} />}
        {filters.tab === "config" && <ConfigTab viewer={viewer} filters={filters} />}
      </main>
    </>
  );
}
