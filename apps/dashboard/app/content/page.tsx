import type { ContentStatus } from "@switchyard/db";
import Link from "next/link";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { reviewAction } from "../../lib/actions/form-actions";
import { canAccess, requireViewer } from "../../lib/server/auth";
import { listContent } from "../../lib/server/content-view";
import { shortModel } from "../../lib/view/format";

export const dynamic = "force-dynamic";

const CONTENT_STATUSES: readonly string[] = ["draft", "approved", "rejected", "published"] satisfies ContentStatus[];
const isContentStatus = (s: string): s is ContentStatus => CONTENT_STATUSES.includes(s);

export default async function ContentPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; tenant?: string }>;
}) {
  const viewer = await requireViewer();
  const { status = "draft", tenant } = await searchParams;
  const statusFilter: ContentStatus = isContentStatus(status) ? status : "draft";
  const items = await listContent(viewer, { status: statusFilter, tenant });
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Content review</h1>
        <nav className="tabs" aria-label="Content status">
          {["draft", "approved", "rejected"].map((s) => (
            <Link key={s} href={`/content?status=${s}`} aria-current={s === statusFilter ? "page" : undefined}>
              {s}
            </Link>
          ))}
        </nav>
        {items.length === 0 && (
          <div className="card empty">
            Nothing here yet. <a href="/enqueue">Enqueue a job</a>; what the agents write appears here for review.
          </div>
        )}
        {items.map((item) => (
          <article key={item.id} className="card stack" aria-label={`Content ${item.title}`} data-content-id={item.id}>
            <h2>{item.title}</h2>
            <p className="muted">
              {item.tenant.name} · {item.run.role} · {shortModel(item.run.modelRoutedTo ?? "")} · quality{" "}
              {item.checksScore?.toFixed(2) ?? "—"}
              {item.run.source === "simulated" && <span className="badge sim">simulated</span>} ·{" "}
              <Link href={`/runs/${item.run.id}`}>run</Link>
            </p>
            <pre className="content">{item.body}</pre>
            {statusFilter === "draft" && canAccess(viewer, item.tenantId, "editor") && (
              <ActionForm action={reviewAction} label={`Review ${item.title}`}>
                <input type="hidden" name="contentItemId" value={item.id} />
                <label>
                  Score
                  <select name="score" defaultValue="4">
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
            )}
          </article>
        ))}
      </main>
    </>
  );
}
