import Link from "next/link";
import { ContentCard } from "../../components/content-card";
import { ContentFilterBar } from "../../components/content-filter-bar";
import { NavBar } from "../../components/nav-bar";
import { canAccess, requireViewer } from "../../lib/server/auth";
import { contentHref, parseContentFilters } from "../../lib/server/content-filters";
import { listContentPage } from "../../lib/server/content-view";
import { listVisibleTenants } from "../../lib/server/tenants-view";

export const dynamic = "force-dynamic";

export default async function ContentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const filters = parseContentFilters(await searchParams);
  const [{ items, total, pageCount }, tenants] = await Promise.all([
    listContentPage(viewer, filters),
    listVisibleTenants(viewer),
  ]);
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Content review</h1>
        <ContentFilterBar filters={filters} tenants={tenants} />
        <p className="muted" aria-live="polite">
          {total} {total === 1 ? "piece" : "pieces"} · page {filters.page} of {pageCount}
        </p>
        {items.length === 0 && (
          <div className="card empty">
            Nothing matches. <a href="/enqueue">Enqueue a job</a>; what the agents write appears here for review.
          </div>
        )}
        {items.map((item) => (
          <ContentCard key={item.id} item={item} canReview={canAccess(viewer, item.tenantId, "editor")} />
        ))}
        <nav className="row" aria-label="Pages">
          {filters.page > 1 && <Link href={contentHref(filters, { page: filters.page - 1 })}>← newer</Link>}
          {filters.page < pageCount && <Link href={contentHref(filters, { page: filters.page + 1 })}>older →</Link>}
        </nav>
      </main>
    </>
  );
}
