import { buildAnalyticsView, loadAnalyticsFor } from "../lib/server/analytics-view";
import type { Viewer } from "../lib/server/auth";
import type { PageFilters } from "../lib/server/page-filters";
import { pct, shortModel, usd } from "../lib/view/format";
import { BarsChart, CostChart } from "./charts";
import { PivotTable } from "./pivot-table";

export async function AnalyticsTab({ viewer, filters }: { viewer: Viewer; filters: PageFilters }) {
  const data = await loadAnalyticsFor(viewer, filters);
  if (data.statusTotals.length === 0) {
    return (
      <div className="card empty" data-empty="analytics">
        <p>No finished runs in this range.</p>
        <p>
          Widen the dates, or <a href="/enqueue">enqueue a job</a>: workers route and run it in seconds. For a realistic
          history, run <code>pnpm seed:history</code>.
        </p>
      </div>
    );
  }
  const v = buildAnalyticsView(data);
  const saved = v.totals.baseline - v.totals.actual;
  return (
    <div className="stack">
      <section className="card" aria-label="Summary">
        <p>
          <strong>{v.totals.runs}</strong> finished runs · spent <strong>{usd(v.totals.actual, 2)}</strong> against{" "}
          <strong>{usd(v.totals.baseline, 2)}</strong> on the baseline model:{" "}
          <strong className={saved >= 0 ? "good" : "error"}>
            {saved >= 0 ? "saved" : "cost"} {usd(Math.abs(saved), 2)}
          </strong>{" "}
          ({pct(Math.abs(saved), v.totals.baseline)}).
        </p>
      </section>

      <StackedSection title="Model distribution per agent role" keyLabel="role" data={v.modelByRole} />
      <StackedSection title="Complexity tiers per role" keyLabel="role" data={v.complexityByRole} />

      <section className="card" aria-label="Cost over time">
        <h2>Cost over time: routed vs. baseline</h2>
        <div className="grid2">
          <CostChart rows={v.costByDay} />
          <table>
            <thead>
              <tr>
                <th>model</th>
                <th className="num">runs</th>
                <th className="num">actual</th>
                <th className="num">baseline</th>
                <th className="num">saved (−: upgrade cost)</th>
              </tr>
            </thead>
            <tbody>
              {v.costByModel.map((m) => (
                <tr key={m.model}>
                  <td>{shortModel(m.model)}</td>
                  <td className="num">{m.runs}</td>
                  <td className="num">{usd(m.actualMicros, 2)}</td>
                  <td className="num">{usd(m.baselineMicros, 2)}</td>
                  <td className={`num ${m.baselineMicros - m.actualMicros >= 0 ? "good" : "error"}`}>
                    {usd(m.baselineMicros - m.actualMicros, 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-label="Quality by model">
        <h2>Quality by model, within each complexity tier</h2>
        <div className="grid2">
          <BarsChart
            label="Quality by model and tier"
            rows={v.qualityChart.rows}
            series={v.qualityChart.series}
            isStacked={false}
          />
          <table>
            <thead>
              <tr>
                <th>tier</th>
                <th>model</th>
                <th className="num">runs</th>
                <th className="num">mean quality</th>
                <th className="num">approval</th>
              </tr>
            </thead>
            <tbody>
              {v.qualityRows.map((q) => (
                <tr key={q.complexity + q.model}>
                  <td>{q.complexity}</td>
                  <td>{q.label}</td>
                  <td className="num">{q.runs}</td>
                  <td className="num">{q.meanQuality === null ? "—" : q.meanQuality.toFixed(3)}</td>
                  <td className="num">
                    {q.approvalRate === null
                      ? "—"
                      : `${(q.approvalRate * 100).toFixed(0)}% of ${q.approvals + q.rejections}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted" data-correlation>
          Correlation of model capability with quality score: r = {fmtR(v.correlation.overall.r)} over{" "}
          {v.correlation.overall.n} runs
          {v.correlation.byTier.map((t) => ` · ${t.tier}: ${fmtR(t.r)} (n ${t.n})`).join("")}. Within a tier the work is
          comparable; across tiers harder jobs go to stronger models.
        </p>
      </section>

      <section className="card" aria-label="Routing reasons over time">
        <h2>Routing reasons over time</h2>
        <div className="grid2">
          <BarsChart label="Routing reasons over time" rows={v.reasons.rows} series={v.reasons.series} />
          <table>
            <thead>
              <tr>
                <th>reason</th>
                <th className="num">runs</th>
                <th className="num">share</th>
              </tr>
            </thead>
            <tbody>
              {v.reasonTotals.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td className="num">{r.runs}</td>
                  <td className="num">{pct(r.runs, v.totals.runs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** A stacked chart with the counts and shares behind it. */
function StackedSection({
  title,
  keyLabel,
  data,
}: {
  title: string;
  keyLabel: string;
  data: ReturnType<typeof buildAnalyticsView>["modelByRole"];
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <div className="grid2">
        <BarsChart label={title} rows={data.rows} series={data.series} />
        <PivotTable keyLabel={keyLabel} rows={data.rows} series={data.series} />
      </div>
    </section>
  );
}

function fmtR(r: number | null): string {
  return r === null ? "n/a" : r.toFixed(2);
}
