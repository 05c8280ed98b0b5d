import type { buildAnalyticsView } from "../lib/server/analytics-view";
import { describeCorrelation, formatInterval } from "../lib/view/analytics-stats";
import { MeansChart } from "./charts";

type View = ReturnType<typeof buildAnalyticsView>;

/**
 * Quality by model within each tier: the checks and the judge apart, each with n and a 95%
 * interval, approvals with a Wilson interval, and a correlation only where every cell is big enough.
 */
export function QualitySection({ v, isEvidence }: { v: View; isEvidence: boolean }) {
  return (
    <section className="card" aria-label="Quality by model">
      <h2>Quality by model, within each complexity tier</h2>
      <div className="grid2 even">
        <MeansChart label="Checks score by model and tier" {...v.qualityCharts.checks} />
        <MeansChart label="Judge score by model and tier" {...v.qualityCharts.judge} />
      </div>
      <p className="muted">
        Bars are means with 95% confidence intervals. Checks: the deterministic rubric (length, structure, phrases,
        truncation) on every run. Judge: the LLM judge on the sampled runs. Approval: people&apos;s reviews, with a
        Wilson interval.
      </p>
      <div className="table-scroll">
        <table aria-label="Quality by model and tier">
          <thead>
            <tr>
              <th>tier</th>
              <th>model</th>
              <th className="num">runs</th>
              <th className="num">checks n</th>
              <th className="num">checks mean [95% CI]</th>
              <th className="num">judge n</th>
              <th className="num">judge mean [95% CI]</th>
              <th className="num">judge failed</th>
              <th className="num">reviews</th>
              <th className="num">approved [95% CI]</th>
            </tr>
          </thead>
          <tbody>
            {v.quality.map((q) => (
              <tr key={q.complexity + q.model} data-cell={`${q.complexity}/${q.label}`}>
                <td>{q.complexity}</td>
                <td>{q.label}</td>
                <td className="num">{q.runs}</td>
                <td className="num">{q.checks?.n ?? 0}</td>
                <td className="num">{formatInterval(q.checks)}</td>
                <td className="num">{q.judge?.n ?? 0}</td>
                <td className="num">{formatInterval(q.judge)}</td>
                <td className="num">{q.judgeFailures}</td>
                <td className="num">{q.approval?.n ?? 0}</td>
                <td className="num">{formatInterval(q.approval, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Model capability and quality, within each tier</h3>
      <ul className="muted" data-correlation>
        {v.correlations.map((c) => (
          <li key={`${c.tier}/${c.signal}`} data-tier={c.tier} data-signal={c.signal} data-status={c.status}>
            {c.tier}, {c.signal}: {describeCorrelation(c, isEvidence)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How often the judge agreed with people, so a tenant knows how far to trust the judge. */
export function AgreementSection({ v }: { v: View }) {
  return (
    <section className="card" aria-label="Judge agreement with people">
      <h2>Judge agreement with people</h2>
      {v.agreement.length === 0 ? (
        <p className="muted">No reviewed run in this range was also judged, so agreement cannot be measured yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Judge agreement">
            <thead>
              <tr>
                <th>role</th>
                <th>model</th>
                <th className="num">reviews judged</th>
                <th className="num">agreement [95% CI]</th>
              </tr>
            </thead>
            <tbody>
              {v.agreement.map((a) => (
                <tr key={a.role + a.model}>
                  <td>{a.role}</td>
                  <td>{a.label}</td>
                  <td className="num">{a.reviewsJudged}</td>
                  <td className="num">{formatInterval(a.agreement, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Agreement: the judge passing (a mean of 3 of 5 or more) what a person approved, or failing what a person
        rejected.
      </p>
    </section>
  );
}
