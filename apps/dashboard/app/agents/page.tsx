import { requireViewer } from "../../lib/server/auth";
import { NavBar } from "../../components/nav-bar";

export const dynamic = "force-dynamic";

export default async function AgentsPage() {
  const viewer = await requireViewer();
  return (
    <>
      <NavBar viewer={viewer} />
      <main>
        <h1>Agents</h1>
      </main>
    </>
  );
}
