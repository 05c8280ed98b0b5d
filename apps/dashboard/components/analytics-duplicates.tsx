import type { LoadedAnalytics } from "../lib/server/analytics-view";
import { pct } from "../lib/view/format";

const SIMULATED_NOTE =
  " Simulated drafts repeat only when the same brief comes back: these counts show the guard working, " +
  "not how often a model repeats itself.";

/**
 * The near-duplicate guard per role: drafts it compared with the tenant's approved and published pieces,
 * and the repeats it caught (written once more, or still too close and flagged for review). Counted from
 * the same rollups as every figure here, for the sources the tab shows, and labelled with them.
 */
export function DuplicatesSection({ loaded }: { loaded: LoadedAnalytics }) {
  const rows = loaded.data.duplicatesByRole;
  const sources = loaded.shown.map((s) => `${s.runs} ${s.source}`).join(", ");
  return (
    <section className="card" aria-label="Near-duplicates caught">
      <h2>Near-duplicates caught, per role</h2>
      <p className="muted" data-duplicates-source={loaded.source}>
        Source: {loaded.source === "all" ? "every source" : `${loaded.source} runs`} ({sources} runs in range). A draft
        is caught when it scored at or above its model&apos;s threshold against a piece of the last days the role looks
        back on: regenerated once with that piece named, and flagged when still too close.
        {loaded.source !== "real" && SIMULATED_NOTE}
      </p>
      {rows.length === 0 ? (
        <p className="muted">No drafts were compared in this range (the guard is off, or nothing was approved yet).</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Near-duplicates caught per role">
            <thead>
              <tr>
                <th>role</th>
                <th className="num">drafts compared</th>
                <th className="num">regenerated</th>
                <th className="num">flagged</th>
                <th className="num">caught</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.role} data-role={r.role}>
                  <td>{r.role}</td>
                  <td className="num">{r.checked}</td>
                  <td className="num">{r.regenerated}</td>
                  <td className="num">{r.flagged}</td>
                  <td className="num" data-caught>
                    {r.regenerated + r.flagged} ({pct(r.regenerated + r.flagged, r.checked)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
