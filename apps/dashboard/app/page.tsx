import { prisma } from "@switchyard/db";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const tenants = await prisma().tenant.findMany({ orderBy: { slug: "asc" } });
  return (
    <main>
      <h1>Switchyard</h1>
      <p className="muted">Content agents that route every generation to the cheapest Claude model that can do it well.</p>
      <table>
        <thead>
          <tr><th>Tenant</th><th>Credits</th><th>Baseline model</th></tr>
        </thead>
        <tbody>
          {tenants.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>${(Number(t.balanceMicros) / 1_000_000).toFixed(2)}</td>
              <td>{t.baselineModel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
