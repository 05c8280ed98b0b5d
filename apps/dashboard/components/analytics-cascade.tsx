import { wilsonInterval } from "@switchyard/agents";
import type { LoadedAnalytics } from "../lib/server/analytics-view";
import { formatInterval } from "../lib/view/analytics-stats";
import { pct, usd } from "../lib/view/format";

const SIMULATED_NOTE =
  " On the simulated provider the gate's judge is simulated too: these rates show the cascade working, not " +
  "how often a cheaper model writes well enough.";

/**
 * The quality-gated cascade per role: how often the cheaper model's draft passed the gate (with a 95% Wilson
 * interval), and what the cascaded runs cost beside their baseline, after every escalation and judge call.
 * Counted from the same rollups as every figure here, for the sources the tab shows, and labelled with them.
 */
export function CascadeSection({ loaded }: { loaded: LoadedAnalytics }) {
  const rows = loaded.data.cascadeByRole;
  const sources = loaded.shown.map((s) => `${s.runs} ${s.source}`).join(", ");
  return (
    <section className="card" aria-label="Cascade">
      <h2>Cheaper model first (cascade), per role</h2>
      <p className="muted" data-cascade-source={loaded.source}>
        Source: {loaded.source === "all" ? "every source" : `${loaded.source} runs`} ({sources} runs in range). A
        cascaded run is written first by the next model down; its draft is kept when the checks and the judge both reach
        the role&apos;s bar, else the routed model writes it. Cost counts both calls and every judge call; the saving is
        against the tenant&apos;s single-model baseline.
        {loaded.source !== "real" && SIMULATED_NOTE}
      </p>
      {rows.length === 0 ? (
        <p className="muted">No cascaded runs in this range (the cascade is off by default; turn it on per role).</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Cascade per role">
            <thead>
              <tr>
                <th>role</th>
                <th className="num">cascaded runs</th>
                <th className="num">kept cheaper draft (95% CI)</th>
                <th className="num">cost</th>
                <th className="num">baseline</th>
                <th className="num">saved, net</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const runs = r.accepted + r.escalated;
                return (
                  <tr key={r.role} data-role={r.role}>
                    <td>{r.role}</td>
                    <td className="num">{runs}</td>
                    <td className="num" data-acceptance>
                      {r.accepted} ({formatInterval(wilsonInterval(r.accepted, runs), true)})
                    </td>
                    <td className="num">{usd(r.actualMicros)}</td>
                    <td className="num">{usd(r.baselineMicros)}</td>
                    <td className="num">{pct(r.baselineMicros - r.actualMicros, r.baselineMicros)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
