import { ACTIVE_MODEL_IDS, AGENT_ROLES, MODEL_SELECTION, TASK_COMPLEXITIES } from "@switchyard/agents";
import { saveReplayedRoutingAction } from "../lib/actions/form-actions";
import type { PageFilters } from "../lib/server/page-filters";
import { replayField, type ReplayView } from "../lib/server/replay-view";
import { formatInterval } from "../lib/view/analytics-stats";
import { pct, shortModel, usd } from "../lib/view/format";
import { ActionForm } from "./action-form";

type Ready = Extract<ReplayView, { status: "ready" | "error" }>;

/**
 * What-if replay: the tenant's recorded runs in the range priced under another tier table, floors,
 * caching and batch settings (no model is called), with the quality side estimated from recorded
 * scores; owners save the table as the tenant's routing overrides.
 */
export function ReplaySection({
  view,
  filters,
  days,
  isEvidence,
}: {
  view: ReplayView;
  filters: PageFilters;
  days: { from: string; to: string };
  isEvidence: boolean;
}) {
  return (
    <section className="card" aria-label="What-if replay" data-replay={view.status}>
      <h2>What-if replay: this range under another policy</h2>
      {view.status === "choose_tenant" ? (
        <p className="muted">Choose one tenant in the filter above to replay its runs under another policy.</p>
      ) : (
        <>
          <ReplayForm view={view} filters={filters} days={days} />
          {view.error && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
          {view.answer && <ReplayResults view={view} isEvidence={isEvidence} />}
          <p className="muted">
            Computed from the recorded token counts of the tenant&apos;s succeeded runs (no model is called), assuming a
            run would have used the same tokens on another model; cache reads and writes carry over to another model
            only when the cached prefix reaches its minimum, runs that cached nothing stay uncached; runs that credits
            or a provider fallback forced onto a model keep it (raised to a higher floor); the judge&apos;s cost is kept
            as recorded. A cache TTL change cannot be replayed (hit rates depend on timing). Runs are priced as if the
            quality-gated cascade were off unless the policy turns it on for their role: then the cost is an estimate
            from the gate scores the tenant&apos;s cascaded runs recorded (the share that would pass at the threshold,
            with n), assuming the cheaper model writes the same tokens.
          </p>
        </>
      )}
    </section>
  );
}

function ModelOptions({ blank }: { blank: string }) {
  return (
    <>
      <option value="">{blank}</option>
      {ACTIVE_MODEL_IDS.map((m) => (
        <option key={m} value={m}>
          {shortModel(m)}
        </option>
      ))}
    </>
  );
}

function ReplayForm({
  view,
  filters,
  days,
}: {
  view: Ready;
  filters: PageFilters;
  days: { from: string; to: string };
}) {
  const asked = view.asked;
  const routing = (asked.routing ?? {}) as Record<string, Record<string, string> | undefined>;
  const floors = (asked.floors ?? {}) as Record<string, string | undefined>;
  const batch = (asked.batch ?? {}) as Record<string, string | undefined>;
  const cascade = (asked.cascade ?? {}) as Record<string, { threshold: number } | undefined>;
  return (
    <form method="get" action="/agents" aria-label="Replay policy" className="stack">
      <input type="hidden" name="tab" value="analytics" />
      <input type="hidden" name="replay" value="1" />
      <input type="hidden" name="tenant" value={view.tenant.id} />
      {filters.source && <input type="hidden" name="source" value={filters.source} />}
      <div className="row">
        <span>
          Tenant <strong>{view.tenant.name}</strong>
        </span>
        <label>
          From (UTC)
          <input type="date" name="from" defaultValue={days.from} aria-label="replay from" />
        </label>
        <label>
          To (UTC)
          <input type="date" name="to" defaultValue={days.to} aria-label="replay to" />
        </label>
      </div>
      <div className="table-scroll">
        <table aria-label="Replay tier table">
          <thead>
            <tr>
              <th>role</th>
              {TASK_COMPLEXITIES.map((t) => (
                <th key={t}>{t}</th>
              ))}
              <th>floor</th>
              <th>Message Batches</th>
              <th>cascade at (blank: off)</th>
            </tr>
          </thead>
          <tbody>
            {AGENT_ROLES.map((role) => (
              <tr key={role}>
                <td>{role}</td>
                {TASK_COMPLEXITIES.map((tier) => (
                  <td key={tier}>
                    <select
                      name={replayField.tier(role, tier)}
                      defaultValue={routing[role]?.[tier] ?? ""}
                      aria-label={`${role} ${tier} model`}
                    >
                      <ModelOptions blank={`default (${shortModel(MODEL_SELECTION[tier].model)})`} />
                    </select>
                  </td>
                ))}
                <td>
                  <select name={replayField.floor(role)} defaultValue={floors[role] ?? ""} aria-label={`${role} floor`}>
                    <ModelOptions blank={`as recorded (now ${shortModel(view.current.floors[role] ?? "")})`} />
                  </select>
                </td>
                <td>
                  <select
                    name={replayField.batch(role)}
                    defaultValue={batch[role] ?? "recorded"}
                    aria-label={`${role} batch`}
                  >
                    <option value="recorded">as recorded</option>
                    <option value="all">every run that may wait</option>
                    <option value="none">none (all live)</option>
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    name={replayField.cascade(role)}
                    min={0}
                    max={1}
                    step={0.05}
                    defaultValue={cascade[role]?.threshold ?? ""}
                    aria-label={`${role} cascade threshold`}
                    className="narrow"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <label>
          Prompt caching
          <select name={replayField.caching} defaultValue={asked.caching ?? "recorded"} aria-label="replay caching">
            <option value="recorded">as recorded</option>
            <option value="off">off</option>
          </select>
        </label>
        <button type="submit">Replay</button>
      </div>
    </form>
  );
}

function ReplayResults({ view, isEvidence }: { view: Ready; isEvidence: boolean }) {
  const a = view.answer;
  if (!a) return null;
  if (a.runs === 0) return <p data-replay-empty>No succeeded runs of this tenant finished in the range.</p>;
  const delta = a.replayedMicros - a.actualMicros;
  return (
    <div className="stack">
      <p data-replay-summary>
        <strong>{a.runs}</strong> runs cost <strong data-replay-actual>{usd(a.actualMicros, 2)}</strong>; under this
        policy they would have cost <strong data-replay-replayed>{usd(a.replayedMicros, 2)}</strong> (
        <span className={delta <= 0 ? "good" : "error"}>
          {delta <= 0 ? "−" : "+"}
          {usd(Math.abs(delta), 2)}, {pct(Math.abs(delta), a.actualMicros)} {delta <= 0 ? "less" : "more"}
        </span>
        ); the all-Sonnet baseline is {usd(a.baselineMicros, 2)}. Both include the judge&apos;s {usd(a.judgeMicros, 2)}.
        {a.unpricedRuns > 0 && ` ${a.unpricedRuns} runs on models the catalog no longer prices count at their cost.`}
        {view.elapsedMs !== undefined && <span className="muted"> Replayed in {view.elapsedMs.toFixed(0)} ms.</span>}
      </p>
      <div className="table-scroll">
        <table aria-label="Replay by role">
          <thead>
            <tr>
              <th>role</th>
              <th className="num">runs</th>
              <th className="num">actual</th>
              <th className="num">replayed</th>
              <th className="num">all-Sonnet</th>
              <th>moves (tier: from → to, runs)</th>
              <th className="num">judge score, recorded → replayed (estimate [95% CI], n)</th>
              <th className="num">approval rate, recorded → replayed</th>
            </tr>
          </thead>
          <tbody>
            {a.roles.map((r) => (
              <tr key={r.role} data-role={r.role}>
                <td>{r.role}</td>
                <td className="num">{r.runs}</td>
                <td className="num">{usd(r.actualMicros, 4)}</td>
                <td className="num" data-replayed>
                  {usd(r.replayedMicros, 4)}
                </td>
                <td className="num">{usd(r.baselineMicros, 4)}</td>
                <td>
                  {r.moves.every((m) => m.from === m.to && m.batchedRuns === 0) && (
                    <span className="muted">unchanged models</span>
                  )}
                  {r.moves
                    .filter((m) => m.from !== m.to || m.batchedRuns > 0)
                    .map((m) => (
                      <div key={m.complexity + m.from + m.to}>
                        {m.complexity}: {shortModel(m.from)} → {shortModel(m.to)}, {m.runs}
                        {m.batchedRuns > 0 && ` (${m.batchedRuns} batched)`}
                      </div>
                    ))}
                </td>
                <td className="num">
                  {estimate(r.quality.judge.recorded, r.runs)} → {estimate(r.quality.judge.replayed, r.runs)}
                </td>
                <td className="num">
                  {estimate(r.quality.approval.recorded, r.runs, true)} →{" "}
                  {estimate(r.quality.approval.replayed, r.runs, true)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Quality is an <strong>estimate</strong>: each run counts the mean recorded judge score (and approval rate) of
        its role, model and tier over the tenant&apos;s whole history; n is the scored runs behind it, and runs whose
        cell has no scores are left out of it (shown as the share covered).
        {!isEvidence && " These runs are not all real: the scores say nothing about the models."}
      </p>
      <CascadeEstimates answer={a} isEvidence={isEvidence} />
      <HybridChanges answer={a} isEvidence={isEvidence} />
      <SaveTable view={view} />
    </div>
  );
}

type Answer = NonNullable<Ready["answer"]>;

function CascadeEstimates({ answer, isEvidence }: { answer: Answer; isEvidence: boolean }) {
  const cascaded = answer.roles.flatMap((r) => (r.cascade ? [{ role: r.role, c: r.cascade }] : []));
  if (cascaded.length === 0) return null;
  return (
    <div data-replay-cascade>
      <h3>The cascade (an estimate)</h3>
      <ul>
        {cascaded.map(({ role, c }) => (
          <li key={role} data-role={role}>
            <strong>{role}</strong> at {c.threshold}:{" "}
            {c.n === 0
              ? c.note
              : `${c.cascadedRuns} runs would cost ${usd(c.withMicros, 4)} instead of ${usd(c.withoutMicros, 4)} ` +
                `(${usd(c.withLowMicros, 4)}–${usd(c.withHighMicros, 4)} across the acceptance interval); ` +
                `kept ${c.acceptance ? formatInterval(c.acceptance, true) : "?"} n=${c.n}` +
                (c.passedJudgeMean !== undefined ? `, kept drafts' judge mean ${c.passedJudgeMean.toFixed(2)}` : "") +
                `. ${c.note}`}
          </li>
        ))}
      </ul>
      {!isEvidence && <p className="muted">These gate scores are not all real: they say nothing about the models.</p>}
    </div>
  );
}

function HybridChanges({ answer, isEvidence }: { answer: Answer; isEvidence: boolean }) {
  const h = answer.hybrid;
  return (
    <div data-replay-hybrid>
      <h3>What the hybrid router changed</h3>
      {h.classifiedRuns > 0 && (
        <p>
          The classifier moved <strong>{h.changedRuns}</strong> of {h.classifiedRuns} runs off the heuristic&apos;s tier
          ({h.moves.map((m) => `${m.role} ${m.from} → ${m.to}: ${m.runs}`).join("; ") || "none"}). Their generations
          cost {usd(h.asRunMicros, 4)} on the tiers it chose against {usd(h.heuristicMicros, 4)} on the
          heuristic&apos;s, plus {usd(h.overheadMicros, 4)} of classifier calls (mean{" "}
          {(h.meanLatencyMs ?? 0).toFixed(0)} ms, slowest {(h.maxLatencyMs ?? 0).toFixed(0)} ms).
        </p>
      )}
      <p className="muted">
        {h.note}
        {!isEvidence && h.classifiedRuns > 0 && " On simulated runs the classifier's choices are noise."}
      </p>
    </div>
  );
}

function estimate(
  m: { n: number; runs: number; estimate: number; low: number; high: number } | undefined,
  runs: number,
  asPercent = false,
) {
  if (!m) return "no scores";
  const coverage = m.runs < runs ? `, ${pct(m.runs, runs)} of runs` : "";
  return `${formatInterval(m, asPercent)} n=${m.n}${coverage}`;
}

function SaveTable({ view }: { view: Ready }) {
  const table = JSON.stringify(view.answer?.policy.routing ?? {});
  if (!view.canSave) {
    return <p className="muted">Owners can save this tier table as the tenant&apos;s routing overrides.</p>;
  }
  return (
    <ActionForm action={saveReplayedRoutingAction} label="Save replayed routing">
      <input type="hidden" name="tenantId" value={view.tenant.id} />
      <input type="hidden" name="routingOverrides" value={table} />
      <button type="submit">Save this tier table as the tenant&apos;s routing overrides</button>
      <span className="muted">
        Floors, batch and caching are not saved here (change them on the configuration tab); floors still apply.
      </span>
    </ActionForm>
  );
}
