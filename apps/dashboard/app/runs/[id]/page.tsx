import { notFound } from "next/navigation";
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
    [
      "Provider",
      run.isSimulated === null ? (
        "—"
      ) : run.isSimulated ? (
        <span key="p" className="badge sim">
          simulated (offline provider)
        </span>
      ) : (
        "Anthropic API"
      ),
    ],
    ["Complexity", run.taskComplexity ?? "—"],
    ["Floor (AgentConfig)", shortModel(run.model)],
    ["Routed to", run.modelRoutedTo ? shortModel(run.modelRoutedTo) : "—"],
    ["Reason", run.modelRouteReason ?? "—"],
    ["Estimated (held)", usd(run.estimatedCostMicros)],
    ["Actual", usd(run.actualCostMicros)],
    ["Baseline", usd(run.baselineCostMicros)],
    [
      "Tokens in / out / cache read / cache write",
      [run.inputTokens, run.outputTokens, run.cacheReadTokens, run.cacheWriteTokens].map((t) => t ?? "—").join(" / "),
    ],
    ["Quality score", run.qualityScore?.toFixed(3) ?? "—"],
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
