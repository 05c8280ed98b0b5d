import type { listContentPage } from "../lib/server/content-view";
import { dateTime } from "../lib/view/format";

type Run = Awaited<ReturnType<typeof listContentPage>>["items"][number]["run"];

const OUTCOME_TEXT = {
  clear: "no near-duplicate",
  regenerated: "rewritten once: the first draft repeated an approved piece",
  flagged: "flagged: still close to an approved piece after a rewrite",
  unchecked: "not checked for near-duplicates",
} as const;

/** The near-duplicate guard's finding on a piece, as a badge; nothing when the role's guard was off. */
export function DuplicateBadge({ run }: { run: Run }) {
  const outcome = run.duplicateOutcome as keyof typeof OUTCOME_TEXT | null;
  if (!outcome || !(outcome in OUTCOME_TEXT)) return null;
  const score =
    run.duplicateSimilarity === null
      ? ""
      : ` · closest ${run.duplicateSimilarity.toFixed(2)}` +
        (run.duplicateThreshold === null ? "" : ` (threshold ${run.duplicateThreshold.toFixed(2)})`);
  const scorer = run.duplicateModel ? ` by ${run.duplicateProvider ?? ""} ${run.duplicateModel}` : "";
  return (
    <span
      className={`badge ${outcome === "flagged" ? "failed" : ""}`}
      title={`${OUTCOME_TEXT[outcome]}${score}${scorer}`}
    >
      {outcome === "clear" ? "original" : outcome}
      {outcome !== "clear" && run.duplicateSimilarity !== null && ` ${run.duplicateSimilarity.toFixed(2)}`}
    </span>
  );
}

/** A flagged draft beside the approved piece it nearly repeats, so a reviewer sees both at once. */
export function NearTwin({ draft, run }: { draft: string; run: Run }) {
  const twin = run.duplicateContent;
  if (run.duplicateOutcome !== "flagged" || !twin) return null;
  return (
    <section className="grid2 even" aria-label="Near-twin" data-near-twin={twin.id}>
      <div>
        <h3>This draft</h3>
        <pre className="content">{draft}</pre>
      </div>
      <div>
        <h3>
          Nearly repeats: {twin.title}{" "}
          <span className="muted">
            ({twin.status}, {dateTime(twin.createdAt)})
          </span>
        </h3>
        <pre className="content">{twin.body}</pre>
        <p className="muted">
          Similarity {run.duplicateSimilarity?.toFixed(2) ?? "—"} by {run.duplicateProvider} {run.duplicateModel}{" "}
          (threshold {run.duplicateThreshold?.toFixed(2) ?? "—"}). <a href={`/runs/${twin.runId}`}>its run</a>
        </p>
      </div>
    </section>
  );
}
