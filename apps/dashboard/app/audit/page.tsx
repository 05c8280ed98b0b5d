import Link from "next/link";
import { NavBar } from "../../components/nav-bar";
import { loadAuditLog } from "../../lib/server/audit-view";
import { requireViewer } from "../../lib/server/auth";
import { dateTime } from "../../lib/view/format";

export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const viewer = await requireViewer();
  const { before } = await searchParams;
  const log = await loadAuditLog(viewer, { before: /^\d{1,19}$/.test(before ?? "") ? before : undefined });
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Audit log</h1>
        <p className="muted">
          Every administrative change — tenants, people, API keys, spend caps, floors and agent settings, routing
          tables, credit grants, webhook endpoints — with who made it, when, and the state before and after. Owners see
          their tenants&apos; changes; operators see all. Newest first.
        </p>
        {!log ? (
          <div className="card empty">Only a tenant&apos;s owners and operators see its audit log.</div>
        ) : (
          <section className="card table-scroll" aria-label="Audit events">
            <table>
              <thead>
                <tr>
                  <th>when (UTC)</th>
                  <th>tenant</th>
                  <th>who</th>
                  <th>what</th>
                  <th>target</th>
                  <th>before → after</th>
                </tr>
              </thead>
              <tbody>
                {log.events.map((e) => (
                  <tr key={e.id}>
                    <td>{dateTime(e.createdAt)}</td>
                    <td>{e.tenantName ?? "—"}</td>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <code>{e.target}</code>
                    </td>
                    <td>
                      <Changes before={e.before} after={e.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {log.events.length === 0 && <p className="empty">No changes yet.</p>}
            {log.nextBefore && <Link href={`/audit?before=${log.nextBefore}`}>Older changes →</Link>}
          </section>
        )}
      </main>
    </>
  );
}

/** The fields a change touched, each as before → after; a creation or removal shows the whole state. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return (
    <ul className="changes">
      {keys.map((k) => (
        <li key={k}>
          <code>{k}</code>: {show(b[k])} → {show(a[k])}
        </li>
      ))}
    </ul>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
