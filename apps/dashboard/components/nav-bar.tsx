import Link from "next/link";
import { signOut } from "../lib/actions/auth-actions";
import type { Viewer } from "../lib/server/auth";

const LINKS = [
  ["/agents", "Agents"],
  ["/content", "Content review"],
  ["/credits", "Credits"],
  ["/enqueue", "New job"],
  ["/api-keys", "API keys"],
  ["/webhooks", "Webhooks"],
  ["/api-docs", "API"],
] as const;

export function NavBar({ viewer }: { viewer: Viewer }) {
  return (
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
  );
}
