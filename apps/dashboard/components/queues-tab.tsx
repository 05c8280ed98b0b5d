import { LANES } from "@switchyard/agents";
import { type Viewer } from "../lib/server/auth";
import type { PageFilters } from "../lib/server/page-filters";
import { loadQueueView, WAIT_WINDOW_HOURS } from "../lib/server/queue-view";
import { dateTime } from "../lib/view/format";

function duration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/**
 * The scheduler as tenants feel it: how deep each lane is, how long jobs waited to
 * start, and whether the provider is holding a lane back.
 */
export async function QueuesTab({ viewer, filters }: { viewer: Viewer; filters: PageFilters }) {
  const view = await loadQueueView(viewer, filters);
  return (
    <>
      <div className="card">
        <h2>Lanes</h2>
        {"error" in view.lanes ? (
          <p className="error" role="alert">
            {view.lanes.error}
          </p>
        ) : (
          <table aria-label="Lanes">
            <thead>
              <tr>
                <th>lane</th>
                <th>work</th>
                <th className="num">waiting</th>
                <th className="num">running</th>
                <th className="num">retrying</th>
                <th className="num">awaiting a parent step</th>
                <th>provider throttling</th>
              </tr>
            </thead>
            <tbody>
              {view.lanes.map((l) => (
                <tr key={l.lane} data-lane={l.lane}>
                  <td>
                    <strong>{l.lane}</strong>
                  </td>
                  <td className="muted">{LANES[l.lane].description}</td>
                  <td className="num">{l.waiting}</td>
                  <td className="num">{l.active}</td>
                  <td className="num">{l.delayed}</td>
                  <td className="num">{l.waitingChildren}</td>
                  <td>
                    {l.throttledForMs > 0 ? (
                      <span className="badge failed">paused {duration(l.throttledForMs)}</span>
                    ) : (
                      <span className="badge succeeded">running</span>
                    )}
                    {l.lastThrottle && (
                      <span className="muted">
                        {" "}
                        {l.throttleCount}× · last {dateTime(l.lastThrottle.at)}: {l.lastThrottle.reason}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">
          Lane depth covers every tenant (counts only). A provider 429 or a spent quota pauses its lane for the time the
          provider asks; other lanes keep running.
        </p>
      </div>
      <div className="card">
        <h2>Wait to start, last {WAIT_WINDOW_HOURS} h</h2>
        <table aria-label="Queue wait">
          <thead>
            <tr>
              <th>lane</th>
              <th className="num">started</th>
              <th className="num">wait p50</th>
              <th className="num">wait p95</th>
              <th className="num">queued now</th>
              <th className="num">oldest waiting</th>
            </tr>
          </thead>
          <tbody>
            {view.waits.map((w) => (
              <tr key={w.lane}>
                <td>{w.lane}</td>
                <td className="num">{w.started}</td>
                <td className="num">{duration(w.p50Ms)}</td>
                <td className="num">{duration(w.p95Ms)}</td>
                <td className="num">{w.queuedNow}</td>
                <td className="num">{duration(w.oldestQueuedMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {viewer.isOperator && (
        <div className="card">
          <h2>Backlog by tenant</h2>
          {view.backlogByTenant.length === 0 ? (
            <p className="empty">Nothing is waiting.</p>
          ) : (
            <table aria-label="Backlog by tenant">
              <thead>
                <tr>
                  <th>tenant</th>
                  <th>lane</th>
                  <th className="num">queued</th>
                </tr>
              </thead>
              <tbody>
                {view.backlogByTenant.map((b) => (
                  <tr key={`${b.tenant}:${b.lane}`}>
                    <td>{b.tenant}</td>
                    <td>{b.lane}</td>
                    <td className="num">{b.queued}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            Within a lane, each tenant&apos;s jobs are numbered from the head of the lane, so a big backlog delays only
            its own tenant.
          </p>
        </div>
      )}
    </>
  );
}
