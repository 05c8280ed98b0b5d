import { randomUUID } from "node:crypto";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { grantAction, setSpendCapsAction } from "../../lib/actions/form-actions";
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
                <th className="num">spent today</th>
                <th className="num">daily cap</th>
                <th className="num">spent this month</th>
                <th className="num">monthly cap</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="num">{usd(t.balanceMicros, 4)}</td>
                  <td>{t.baselineModel}</td>
                  <td className="num">{usd(t.position.spentTodayMicros, 4)}</td>
                  <td className="num">{capText(t.position.dailyCapMicros, t.position.spentTodayMicros)}</td>
                  <td className="num">{usd(t.position.spentThisMonthMicros, 4)}</td>
                  <td className="num">{capText(t.position.monthlyCapMicros, t.position.spentThisMonthMicros)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Spend is settled charges plus open holds, per UTC day and month. A job whose hold would cross a cap is
            refused with reason budget_cap and costs nothing; owners are warned at 80% (and a budget.warning webhook
            fires once per cap and period).
          </p>
        </section>
        {tenants.some((t) => t.canSetCaps) && (
          <section className="card" aria-label="Spend caps">
            <h2>Spend caps</h2>
            {tenants
              .filter((t) => t.canSetCaps)
              .map((t) => (
                <ActionForm key={t.id} action={setSpendCapsAction} label={`Spend caps of ${t.name}`}>
                  <input type="hidden" name="tenantId" value={t.id} />
                  <strong>{t.name}</strong>
                  <label>
                    Daily cap (USD, empty for none)
                    <input
                      name="dailyCapUsd"
                      type="number"
                      min="0.000001"
                      step="any"
                      defaultValue={capUsd(t.position.dailyCapMicros)}
                    />
                  </label>
                  <label>
                    Monthly cap (USD, empty for none)
                    <input
                      name="monthlyCapUsd"
                      type="number"
                      min="0.000001"
                      step="any"
                      defaultValue={capUsd(t.position.monthlyCapMicros)}
                    />
                  </label>
                  <button type="submit">Save caps</button>
                </ActionForm>
              ))}
          </section>
        )}
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

function capText(capMicros: number | null, spentMicros: number): string {
  if (capMicros == null) return "none";
  return `${usd(capMicros, 2)} (${Math.floor((100 * spentMicros) / capMicros)}%)`;
}

function capUsd(capMicros: number | null): string {
  return capMicros == null ? "" : String(capMicros / 1_000_000);
}
