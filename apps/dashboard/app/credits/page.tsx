import { randomUUID } from "node:crypto";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { grantAction } from "../../lib/actions/form-actions";
import { requireViewer } from "../../lib/server/auth";
import { loadCredits } from "../../lib/server/credits-view";
import { dateTime, usd } from "../../lib/view/format";

export const dynamic = "force-dynamic";

export default async function CreditsPage() {
  const viewer = await requireViewer();
  const { tenants, ledger } = await loadCredits(viewer);
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Credits</h1>
        <section className="card" aria-label="Balances">
          <table>
            <thead>
              <tr>
                <th>tenant</th>
                <th className="num">balance</th>
                <th>baseline model</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="num">{usd(t.balanceMicros, 4)}</td>
                  <td>{t.baselineModel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {viewer.isOperator && (
          <section className="card" aria-label="Grant credits">
            <h2>Grant credits</h2>
            <ActionForm action={grantAction} label="Grant credits">
              <input type="hidden" name="idempotencyKey" value={`dashboard-${randomUUID()}`} />
              <label>
                Tenant
                <select name="tenantId">
                  {tenants.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Amount (USD)
                <input name="usd" type="number" min="0.01" step="0.01" defaultValue="10" required />
              </label>
              <label>
                Note
                <input name="note" placeholder="invoice, trial, …" />
              </label>
              <button type="submit">Grant</button>
            </ActionForm>
          </section>
        )}
        <section className="card" aria-label="Ledger">
          <h2>Ledger (latest 100)</h2>
          <table>
            <thead>
              <tr>
                <th>when</th>
                <th>tenant</th>
                <th>kind</th>
                <th className="num">amount</th>
                <th className="num">balance after</th>
                <th>run</th>
                <th>note</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((e) => (
                <tr key={String(e.id)}>
                  <td>{dateTime(e.createdAt)}</td>
                  <td>{e.tenant.name}</td>
                  <td>{e.kind}</td>
                  <td className="num">{usd(e.amountMicros)}</td>
                  <td className="num">{usd(e.balanceAfterMicros)}</td>
                  <td>{e.runId ? <a href={`/runs/${e.runId}`}>{e.runId.slice(0, 8)}</a> : "—"}</td>
                  <td>{e.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}
