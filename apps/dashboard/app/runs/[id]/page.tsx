import { notFound } from "next/navigation";
import { CascadeRecordSchema, PromptExamplesRecordSchema, RouterRecordSchema } from "@switchyard/agents";
import { z } from "zod";
import { NavBar } from "../../../components/nav-bar";
import { requireViewer } from "../../../lib/server/auth";
import { loadRunForViewer } from "../../../lib/server/runs-view";
import { dateTime, shortModel, usd } from "../../../lib/view/format";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const run = await loadRunForViewer(viewer, id);
  if (!run) notFound();
  const rows: [string, React.ReactNode][] = [
    ["Tenant", run.tenant.name],
    ["Role", run.role],
    [
      "Status",
      <span key="s" className={`badge ${run.status}`}>
        {run.status}
      </span>,
    ],
    ["Source", <SourceBadge key="src" source={run.source} />],
    ["Complexity", run.taskComplexity ?? "—"],
    ["Floor (AgentConfig)", shortModel(run.model)],
    ["Routed to", run.modelRoutedTo ? shortModel(run.modelRoutedTo) : "—"],
    ["Reason", run.modelRouteReason ?? "—"],
    ["Router (who chose the tier)", routerSummary(run.routingSignals)],
    ["Estimated (held)", usd(run.estimatedCostMicros)],
    ["Actual", usd(run.actualCostMicros)],
    ["Baseline", usd(run.baselineCostMicros)],
    [
      "Tokens in / out / cache read / cache write (of which 1 h)",
      [run.inputTokens, run.outputTokens, run.cacheReadTokens, run.cacheWriteTokens, run.cacheWrite1hTokens]
        .map((t) => t ?? "—")
        .join(" / "),
    ],
    ["Prompt cache", run.cacheNote ?? "—"],
    ["Saved by caching (−: a write not yet read)", run.cacheSavingMicros === null ? "—" : usd(run.cacheSavingMicros)],
    [
      "Approved examples in the prompt",
      <ExamplesSummary key="ex" count={run.exampleCount} record={run.promptExamples} />,
    ],
    ["Cascade (cheaper model first)", cascadeSummary(run.cascade)],
    ["Deliver by", run.deliverBy ? dateTime(run.deliverBy) : "—"],
    ["Message Batch", batchSummary(run.batch)],
    [
      "Saved by the batch discount (live price − batch price)",
      run.batchSavingMicros === null ? "—" : usd(run.batchSavingMicros),
    ],
    ["Checks (deterministic)", run.checksScore?.toFixed(3) ?? "—"],
    ["Judge (LLM)", judgeSummary(run)],
    ["Evaluation cost (judge)", usd(run.judgeCostMicros)],
    ["Continuations after max_tokens", run.continuations],
    ["Lane (queue)", run.lane],
    [
      "Waited to start",
      run.startedAt ? `${((run.startedAt.getTime() - run.queuedAt.getTime()) / 1000).toFixed(2)} s` : "—",
    ],
    ["Attempts", run.attempts],
    [
      "Queued / started / finished",
      `${dateTime(run.queuedAt)} / ${dateTime(run.startedAt)} / ${dateTime(run.finishedAt)}`,
    ],
    [
      "Revises",
      run.revisesRunId ? (
        <a key="r" href={`/runs/${run.revisesRunId}`}>
          {run.revisesRunId}
        </a>
      ) : (
        "—"
      ),
    ],
  ];
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Run {run.id.slice(0, 8)}</h1>
        {isTruncated(run.content?.qualityChecks) && (
          <p role="alert" className="card error">
            Truncated: the generation was cut off at max_tokens even after one continuation, so its checks fail.
          </p>
        )}
        {run.error && (
          <p role="alert" className="card error">
            {run.error}
          </p>
        )}
        <div className="grid2">
          <section className="card" aria-label="Routing decision">
            <h2>Routing decision</h2>
            <table>
              <tbody>
                {rows.map(([k, v]) => (
                  <tr key={k}>
                    <th>{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-label="Signals">
            <h2>Classifier signals</h2>
            <pre className="content">{JSON.stringify(run.routingSignals, null, 2)}</pre>
            <h2>Task</h2>
            <pre className="content">{JSON.stringify(run.input, null, 2)}</pre>
          </section>
        </div>
        {run.content && (
          <section className="card" aria-label="Content">
            <h2>
              {run.content.title} <span className={`badge ${run.content.status}`}>{run.content.status}</span>
            </h2>
            <pre className="content">{run.content.body}</pre>
          </section>
        )}
      </main>
    </>
  );
}

/** What the cascade did: kept the cheaper draft, escalated (and what the discarded call cost), or why not. */
function cascadeSummary(stored: unknown): string {
  const parsed = CascadeRecordSchema.safeParse(stored);
  if (!parsed.success) return "—";
  const c = parsed.data;
  if (c.outcome === "skipped") return `skipped: ${c.skipped ?? "no reason recorded"}`;
  const judge = c.gate?.judgeScore?.toFixed(2) ?? c.gate?.judgeStatus;
  const gate = c.gate
    ? `checks ${c.gate.checksScore.toFixed(2)}, judge ${judge}, bar ${c.threshold}`
    : `bar ${c.threshold}`;
  if (c.outcome === "accepted") return `kept the ${c.cheapModel ?? "cheaper"} draft (${gate})`;
  const extra = (c.discarded?.costMicros ?? 0) + (c.gateJudgeCostMicros ?? 0);
  return `escalated to ${c.routedModel} (${gate}); the discarded draft and its judge cost ${usd(extra)}`;
}

/** Which router chose the tier and why; with the classifier's call (the routing overhead) when one was made. */
function routerSummary(signals: unknown): string {
  const parsed = RouterRecordSchema.safeParse((signals as { router?: unknown } | null)?.router);
  if (!parsed.success) return "heuristic (recorded before router modes)";
  const r = parsed.data;
  const call = r.classifier
    ? `; classifier ${r.classifier.model}: ${r.classifier.status}, ${usd(r.classifier.costMicros)} in ` +
      `${r.classifier.latencyMs} ms (held ${usd(r.classifier.heldMicros)})`
    : "";
  return `${r.decidedBy} (mode ${r.mode}): ${r.why}${call}`;
}

const EXAMPLE_MODES = { latest: "the newest", topic_set: "best-fitting topic set", best_fit: "best fit for this job" };

/** How many examples, how they were chosen, how well they fit beside the best the pool allowed, and their titles. */
function ExamplesSummary({ count, record }: { count: number | null; record: unknown }) {
  const parsed = PromptExamplesRecordSchema.safeParse(record);
  if (!parsed.success) return count ?? "—";
  const { mode, pool, set, fit, source, fallback, examples } = parsed.data;
  const how = [
    `${examples.length} of ${pool}, ${EXAMPLE_MODES[mode]}`,
    set && `set ${set.index + 1} of ${set.count}`,
    fit && `fit ${fit.chosen.toFixed(2)} (best possible ${fit.best.toFixed(2)})`,
    source && `ranked by ${source.provider} ${source.model}`,
    fallback,
  ].filter(Boolean);
  return (
    <>
      {how.join("; ")}
      <ul>
        {examples.map((e) => (
          <li key={e.id}>
            {e.title}
            {e.score !== undefined && ` (${e.score.toFixed(2)})`}
          </li>
        ))}
      </ul>
    </>
  );
}

const SOURCE_TEXT = {
  real: "real (Anthropic API)",
  simulated: "simulated (offline provider)",
  synthetic: "synthetic (seeded history)",
} as const;

const SOURCE_NOTE = {
  real: undefined,
  simulated: "The offline provider shows that the machinery works; it says nothing about how well a model writes.",
  synthetic: "Seeded history: its scores come from a table in the seed, not from any model.",
} as const;

function SourceBadge({ source }: { source: keyof typeof SOURCE_TEXT | null }) {
  if (source === null) return "—";
  return (
    <span className={source === "real" ? "badge" : "badge sim"} title={SOURCE_NOTE[source]}>
      {SOURCE_TEXT[source]}
    </span>
  );
}

function judgeSummary(run: {
  judgeStatus: string | null;
  judgeScore: number | null;
  judgeModel: string | null;
  judgeError: string | null;
}): string {
  if (run.judgeStatus === null) return "—";
  if (run.judgeStatus === "not_sampled") return "not sampled";
  if (run.judgeStatus === "scored")
    return `${run.judgeScore?.toFixed(3) ?? "—"} by ${shortModel(run.judgeModel ?? "")}`;
  return `${run.judgeStatus}: ${run.judgeError ?? "no reason recorded"}`;
}

function isTruncated(checks: unknown): boolean {
  return (
    Array.isArray(checks) &&
    checks.some((c: { name?: unknown; isPassed?: unknown }) => c.name === "complete" && !c.isPassed)
  );
}

/** Which Message Batch the run was gathered into, the provider's id and where the batch stands. */
function batchSummary(batch: { providerBatchId: string | null; status: string; endedAt: Date | null } | null) {
  if (!batch) return "—";
  const provider = batch.providerBatchId ?? "not yet submitted";
  return `${provider} · ${batch.status}${batch.endedAt ? ` ${dateTime(batch.endedAt)}` : ""}`;
}
