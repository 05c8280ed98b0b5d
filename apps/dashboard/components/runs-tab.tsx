import Link from "next/link";
import type { Viewer } from "../lib/server/auth";
import type { PageFilters } from "../lib/server/page-filters";
import { listRuns } from "../lib/server/runs-view";
import { dateTime, shortModel, usd } from "../lib/view/format";

export async function RunsTab({ viewer, filters }: { viewer: Viewer; filters: PageFilters }) {
  const { runs, nextCursor, prevCursor } = await listRuns(viewer, filters);
  if (runs.length === 0)
    return (
      <div className="card empty">
        No runs match. <a href="/enqueue">Enqueue a job</a> to see one here.
      </div>
    );
  const pageLink = (cursor: { after?: string; before?: string }) =>
    `/agents?${new URLSearchParams({
      tab: "runs",
      ...cursor,
      ...(filters.role && { role: filters.role }),
      ...(filters.status && { status: filters.status }),
      ...(filters.tenant && { tenant: filters.tenant }),
    })}`;
  return (
    <div className="card">
      <table aria-label="Runs">
        <thead>
          <tr>
            <th>queued</th>
            <th>tenant</th>
            <th>role</th>
            <th>status</th>
            <th>tier</th>
            <th>model</th>
            <th>reason</th>
            <th className="num">cost</th>
            <th className="num">quality</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/runs/${r.id}`}>{dateTime(r.queuedAt)}</Link>
              </td>
              <td>{r.tenant.name}</td>
              <td>{r.role}</td>
              <td>
                <span className={`badge ${r.status}`}>{r.status}</span>
                {r.source === "simulated" && (
                  <span className="badge sim" title="Written by the offline simulated provider">
                    simulated
                  </span>
                )}
              </td>
              <td>{r.taskComplexity ?? "—"}</td>
              <td>{r.modelRoutedTo ? shortModel(r.modelRoutedTo) : "—"}</td>
              <td>{r.modelRouteReason ?? "—"}</td>
              <td className="num">{usd(r.actualCostMicros)}</td>
              <td className="num">{r.checksScore?.toFixed(2) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="row" aria-label="Run pages">
        {prevCursor && <Link href={pageLink({ before: prevCursor })}>← newer</Link>}
        {prevCursor && <Link href={pageLink({})}>newest</Link>}
        {nextCursor && <Link href={pageLink({ after: nextCursor })}>older →</Link>}
      </nav>
    </div>
  );
}
