import type { RunSource } from "@switchyard/db";
import Link from "next/link";
import { reviewAction } from "../lib/actions/form-actions";
import type { listContentPage } from "../lib/server/content-view";
import { shortModel } from "../lib/view/format";
import { ActionForm } from "./action-form";
import { DuplicateBadge, NearTwin } from "./near-twin";

type ContentRow = Awaited<ReturnType<typeof listContentPage>>["items"][number];

const PREVIEW_CHARS = 220;
const SOURCE_TITLES: Record<RunSource, string> = {
  real: "Written by the Anthropic API",
  simulated: "Written by the offline simulated provider: says nothing about how well a model writes",
  synthetic: "Seeded history: made up to fill the charts",
};

/** One piece in the review queue: where it came from, both automatic scores, a preview that expands. */
export function ContentCard({ item, canReview }: { item: ContentRow; canReview: boolean }) {
  const { run } = item;
  const review = item.reviews[0];
  const words = item.body.split(/\s+/).filter(Boolean).length;
  const preview = item.body.length > PREVIEW_CHARS ? `${item.body.slice(0, PREVIEW_CHARS).trimEnd()}…` : item.body;
  return (
    <article className="card stack" aria-label={`Content ${item.title}`} data-content-id={item.id}>
      <h2>{item.title}</h2>
      <p className="muted row">
        <span>{item.tenant.name}</span>
        <span>{run.role}</span>
        <span>{run.modelRoutedTo ? shortModel(run.modelRoutedTo) : "—"}</span>
        <span>tier {run.taskComplexity ?? "—"}</span>
        {run.source && (
          <span className={`badge ${run.source === "real" ? "real" : "sim"}`} title={SOURCE_TITLES[run.source]}>
            {run.source}
          </span>
        )}
        <Link href={`/runs/${run.id}`}>run</Link>
      </p>
      <p className="row" aria-label="Quality signals">
        <span>checks {item.checksScore?.toFixed(2) ?? "—"}</span>
        {failedChecks(item.qualityChecks).map((name) => (
          <span key={name} className="badge failed">
            {name}
          </span>
        ))}
        <span>{judgeText(run)}</span>
        <DuplicateBadge run={run} />
        {review && (
          <span className={`badge ${review.verdict}`}>
            {review.verdict}
            {review.score === null ? "" : ` ${String(review.score)}/5`}
          </span>
        )}
      </p>
      <details className="content-body">
        <summary>
          <span className="preview">{preview}</span> <span className="muted">show all {words} words</span>
        </summary>
        <pre className="content">{item.body}</pre>
      </details>
      <NearTwin draft={item.body} run={run} />
      {review?.feedback && <p className="muted">Feedback: {review.feedback}</p>}
      {item.status === "draft" && canReview && <ReviewForm id={item.id} title={item.title} />}
    </article>
  );
}

function ReviewForm({ id, title }: { id: string; title: string }) {
  return (
    <ActionForm action={reviewAction} label={`Review ${title}`}>
      <input type="hidden" name="contentItemId" value={id} />
      <label>
        Score
        <select name="score" defaultValue="">
          <option value="">— (required to reject)</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        Feedback
        <input name="feedback" placeholder="What should change?" size={40} />
      </label>
      <button type="submit" name="verdict" value="approved">
        Approve
      </button>
      <button type="submit" name="verdict" value="rejected" className="secondary">
        Reject
      </button>
    </ActionForm>
  );
}

function judgeText(run: ContentRow["run"]): string {
  if (run.judgeStatus === "scored" && run.judgeScore !== null) return `judge ${run.judgeScore.toFixed(2)}`;
  if (run.judgeStatus === "failed") return `judge failed${run.judgeError ? `: ${run.judgeError.slice(0, 80)}` : ""}`;
  if (run.judgeStatus === "skipped") return "judge skipped (credits)";
  return "judge not sampled";
}

function failedChecks(checks: unknown): string[] {
  if (!Array.isArray(checks)) return [];
  return checks
    .filter((c): c is { name: unknown; isPassed: unknown } => typeof c === "object" && c !== null && "isPassed" in c)
    .filter((c) => c.isPassed === false)
    .map((c) => String(c.name));
}
