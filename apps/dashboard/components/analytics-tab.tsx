import { buildAnalyticsView, type LoadedAnalytics } from "../lib/server/analytics-view";
import { isEvidence, originNotes } from "../lib/view/analytics-sources";
import { pct, shortModel, usd } from "../lib/view/format";
import { CascadeSection } from "./analytics-cascade";
import { DuplicatesSection } from "./analytics-duplicates";
import { AgreementSection, QualitySection } from "./analytics-quality";
import { BarsChart, CostChart } from "./charts";
import { PivotTable } from "./pivot-table";

export function AnalyticsTab({ loaded }: { loaded: LoadedAnalytics }) {
  const { data, shown } = loaded;
  if (data.statusTotals.length === 0) {
    const elsewhere = data.sources.filter((s) => s.runs > 0).map((s) => `${s.runs} ${s.source}`);
    return (
      <div className="card empty" data-empty="analytics">
        <p>No finished {loaded.source === "all" ? "" : `${loaded.source} `}runs in this range.</p>
        {elsewhere.length > 0 && <p>The range has {elsewhere.join(", ")} runs: choose them in the source filter.</p>}
        <p>
          Widen the dates, or <a href="/enqueue">enqueue a job</a>: workers route and run it in seconds. For a realistic
          history, run <code>pnpm seed:history</code>.
        </p>
      </div>
    );
  }
  const v = buildAnalyticsView(data);
  const notes = originNotes(shown);
  const t = v.totals;
  return (
    <div className="stack">
      {notes.length > 0 && (
        <section className="card banner" role="note" aria-label="Where this data came from" data-banner="origin">
          <strong>Not evidence about models.</strong>{" "}
          {loaded.isSourceDefault && loaded.source === "all" && "There are no real runs in this range. "}
          This view includes:
          <ul>
            {notes.map((n) => (
              <li key={n.source} data-source={n.source}>
                {n.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-label="Summary">
        <p>
          <strong>{t.runs}</strong> finished runs · spent <strong>{usd(t.actual, 2)}</strong>, of which evaluation (the
          judge) <strong data-evaluation-cost>{usd(t.evaluation, 2)}</strong>, against{" "}
          <strong>{usd(t.baseline, 2)}</strong> on the baseline model:{" "}
          <strong className={t.savedNet >= 0 ? "good" : "error"} data-saved-net>
            {t.savedNet >= 0 ? "saved" : "cost"} {usd(Math.abs(t.savedNet), 2)}
          </strong>{" "}
          net of evaluation ({pct(Math.abs(t.savedNet), t.baseline)}); {usd(t.savedBeforeEvaluation, 2)} before it.
        </p>
      </section>

      <StackedSection title="Model distribution per agent role" keyLabel="role" data={v.modelByRole} />
      <StackedSection title="Complexity tiers per role" keyLabel="role" data={v.complexityByRole} />

      <section className="card" aria-label="Cost over time">
        <h2>Cost over time: routed vs. baseline</h2>
        <div className="grid2">
          <CostChart rows={v.costByDay} />
          <div className="table-scroll">
            <table aria-label="Cost by model">
              <thead>
                <tr>
                  <th>model</th>
                  <th className="num">runs</th>
                  <th className="num">actual</th>
                  <th className="num">of which evaluation</th>
                  <th className="num">baseline</th>
                  <th className="num">saved net (−: upgrade cost)</th>
                </tr>
              </thead>
              <tbody>
                {v.costByModel.map((m) => (
                  <tr key={m.model}>
                    <td>{shortModel(m.model)}</td>
                    <td className="num">{m.runs}</td>
                    <td className="num">{usd(m.actualMicros, 2)}</td>
                    <td className="num">{usd(m.judgeMicros, 2)}</td>
                    <td className="num">{usd(m.baselineMicros, 2)}</td>
                    <td className={`num ${m.baselineMicros - m.actualMicros >= 0 ? "good" : "error"}`}>
                      {usd(m.baselineMicros - m.actualMicros, 2)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <LeversSection title="Where the saving came from, per model" keyLabel="model" rows={v.levers.byModel} />
      {v.levers.byTenant.length > 1 && (
        <LeversSection
          title="Where the saving came from, per tenant"
          keyLabel="tenant"
          rows={v.levers.byTenant.map((r) => ({ ...r, key: loaded.tenantNames.get(r.key) ?? r.key }))}
        />
      )}

      <QualitySection v={v} isEvidence={isEvidence(shown)} />
      <AgreementSection v={v} />
      <DuplicatesSection loaded={loaded} />
      <CascadeSection loaded={loaded} />

      <section className="card" aria-label="Routing reasons over time">
        <h2>Routing reasons over time</h2>
        <div className="grid2">
          <BarsChart label="Routing reasons over time" rows={v.reasons.rows} series={v.reasons.series} />
          <div className="table-scroll">
            <table aria-label="Routing reasons">
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

/**
 * The saving against the baseline, split: prompt caching (the same calls uncached minus as billed)
 * and routing (the rest, net of the judge's calls and of the examples' tokens).
 */
function LeversSection({
  title,
  keyLabel,
  rows,
}: {
  title: string;
  keyLabel: string;
  rows: ReturnType<typeof buildAnalyticsView>["levers"]["byModel"];
}) {
  const sign = (micros: number) => (micros >= 0 ? "good" : "error");
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">
        Caching: the same calls priced uncached, minus what they cost (negative where a cache write was not read back
        yet). Batch: the same usage at live prices minus the Message Batch price (half). Routing: the rest of the
        saving, net of the judge&apos;s calls and of the approved examples&apos; tokens, which the baseline never sends.
      </p>
      <div className="table-scroll">
        <table aria-label={title}>
          <thead>
            <tr>
              <th>{keyLabel}</th>
              <th className="num">runs</th>
              <th className="num">actual</th>
              <th className="num">baseline</th>
              <th className="num">saved</th>
              <th className="num">by routing</th>
              <th className="num">by caching</th>
              <th className="num">by batch</th>
              <th className="num">cache read / write tokens</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.key}</td>
                <td className="num">{r.runs}</td>
                <td className="num">{usd(r.actualMicros, 2)}</td>
                <td className="num">{usd(r.baselineMicros, 2)}</td>
                <td className={`num ${sign(r.savedNet)}`}>
                  {usd(r.savedNet, 2)} ({pct(r.savedNet, r.baselineMicros)})
                </td>
                <td className={`num ${sign(r.byRouting)}`}>{usd(r.byRouting, 2)}</td>
                <td className={`num ${sign(r.byCaching)}`}>{usd(r.byCaching, 2)}</td>
                <td className={`num ${sign(r.byBatch)}`}>{usd(r.byBatch, 2)}</td>
                <td className="num">
                  {r.cacheReadTokens.toLocaleString("en")} / {r.cacheWriteTokens.toLocaleString("en")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
