import Link from "next/link";
import { AnalyticsTab } from "../../components/analytics-tab";
import { ReplaySection } from "../../components/analytics-replay";
import { ConfigTab } from "../../components/config-tab";
import { FilterBar } from "../../components/filter-bar";
import { NavBar } from "../../components/nav-bar";
import { QueuesTab } from "../../components/queues-tab";
import { RunsTab } from "../../components/runs-tab";
import { requireViewer } from "../../lib/server/auth";
import { loadAnalyticsFor } from "../../lib/server/analytics-view";
import { effectiveDays, parseFilters } from "../../lib/server/page-filters";
import { loadReplayFor } from "../../lib/server/replay-view";
import { listVisibleTenants } from "../../lib/server/tenants-view";
import { isEvidence, shownSources, sourcesOf } from "../../lib/view/analytics-sources";

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
  const params = await searchParams;
  const filters = parseFilters(params);
  const tenants = await listVisibleTenants(viewer);
  // The analytics decide which source they show (real runs when there are any), so they load before the filters.
  const analytics = filters.tab === "analytics" ? await loadAnalyticsFor(viewer, filters) : undefined;
  const replay = analytics && (await loadReplayFor(viewer, filters, params, sourcesOf(analytics.source)));
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
          days={effectiveDays(filters)}
          source={analytics?.source}
          isDateShown={filters.tab === "analytics"}
          isStatusShown={filters.tab === "runs"}
          isRoleShown={filters.tab !== "queues"}
        />
        {analytics && <AnalyticsTab loaded={analytics} />}
        {analytics && replay && (
          <ReplaySection
            view={replay}
            filters={filters}
            days={effectiveDays(filters)}
            isEvidence={isEvidence(shownSources(analytics.source, analytics.data.sources))}
          />
        )}
        {filters.tab === "runs" && <RunsTab viewer={viewer} filters={filters} />}
        {filters.tab === "queues" && <QueuesTab viewer={viewer} filters={filters} />}
        {filters.tab === "config" && <ConfigTab viewer={viewer} filters={filters} />}
      </main>
    </>
  );
}
