import Link from "next/link";
import { signOut } from "../lib/actions/auth-actions";
import type { Viewer } from "../lib/server/auth";
import { loadCapWarnings } from "../lib/server/credits-view";
import { usd } from "../lib/view/format";

const LINKS = [
  ["/agents", "Agents"],
  ["/content", "Content review"],
  ["/credits", "Credits"],
  ["/enqueue", "New job"],
  ["/api-keys", "API keys"],
  ["/webhooks", "Webhooks"],
  ["/people", "People"],
  ["/api-docs", "API"],
  ["/audit", "Audit log"],
] as const;

export async function NavBar({ viewer }: { viewer: Viewer }) {
  const warnings = await loadCapWarnings(viewer);
  return (
    <>
      <header className="nav">
        <Link href="/agents" className="brand">
          Switchyard
        </Link>
        <nav>
          {LINKS.map(([href, label]) => (
            <Link key={href} href={href}>
              {label}
            </Link>
          ))}
          {viewer.isOperator && <Link href="/tenants">Tenants</Link>}
        </nav>
        <form action={signOut} className="who">
          <span>
            {viewer.name}
            {viewer.isOperator ? " · operator" : ""}
          </span>
          <button type="submit" className="link">
            Sign out
          </button>
        </form>
      </header>
      {warnings.length > 0 && (
        <section className="card banner" role="alert" aria-label="Spend cap warnings">
          <strong>Spend is at 80% or more of a cap.</strong> At the cap, new jobs are refused with reason budget_cap
          (settled charges and open holds count; periods are UTC).
          <ul>
            {warnings.map((w) => (
              <li key={`${w.tenantId}-${w.period}`}>
                {w.tenantName}: {usd(w.spentMicros, 4)} of its {w.period} cap of {usd(w.capMicros, 2)} (
                {Math.floor((100 * w.spentMicros) / w.capMicros)}%) — <Link href="/credits">spend caps</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
