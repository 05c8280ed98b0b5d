import { AGENT_ROLES } from "@switchyard/agents";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { enqueueAction } from "../../lib/actions/form-actions";
import { requireViewer } from "../../lib/server/auth";
import { listVisibleTenants } from "../../lib/server/tenants-view";

export const dynamic = "force-dynamic";

export default async function EnqueuePage() {
  const viewer = await requireViewer();
  const tenants = await listVisibleTenants(viewer, { minRole: "editor" });
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>New job</h1>
        {tenants.length === 0 ? (
          <div className="card empty">Your role is view-only: ask an owner or editor to enqueue jobs.</div>
        ) : (
          <ActionForm action={enqueueAction} label="Enqueue a job" className="card stack">
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
              Agent
              <select name="role">
                {AGENT_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Topic
              <input name="topic" required minLength={3} maxLength={500} />
            </label>
            <label>
              Brief
              <textarea name="brief" rows={4} maxLength={4000} />
            </label>
            <label>
              Length (words)
              <input name="outputLengthTarget" type="number" min={10} max={6000} />
            </label>
            <label className="row">
              <input type="checkbox" name="requiresReasoning" /> needs careful reasoning
            </label>
            <label>
              Urgency
              <select name="urgency" defaultValue="">
                <option value="">the role&apos;s default</option>
                <option value="live">live: start now</option>
                <option value="batch">can wait: Message Batch, half price, within 24 hours</option>
              </select>
            </label>
            <label>
              Deliver by (UTC, 1 hour to 30 days ahead; waits for a batch)
              <input name="deliverBy" type="datetime-local" />
            </label>
            <button type="submit">Enqueue</button>
          </ActionForm>
        )}
      </main>
    </>
  );
}
