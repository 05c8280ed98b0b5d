import { ACTIVE_MODEL_IDS, AGENT_ROLES, DEFAULT_BASELINE_MODEL, DEFAULT_FLOOR } from "@switchyard/agents";
import { notFound } from "next/navigation";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { archiveTenantAction, createTenantAction, restoreTenantAction } from "../../lib/actions/tenant-actions";
import { requireViewer } from "../../lib/server/auth";
import { loadTenantsForOperator } from "../../lib/server/people-view";
import { dateTime, shortModel, usd } from "../../lib/view/format";

export const dynamic = "force-dynamic";

function ModelSelect({ name, defaultValue }: { name: string; defaultValue: string }) {
  return (
    <select name={name} defaultValue={defaultValue}>
      {ACTIVE_MODEL_IDS.map((id) => (
        <option key={id} value={id}>
          {shortModel(id)}
        </option>
      ))}
    </select>
  );
}

/** Operators only: every tenant, a form to create one, and archive / restore. Anyone else gets a 404. */
export default async function TenantsPage() {
  const viewer = await requireViewer();
  const tenants = await loadTenantsForOperator(viewer);
  if (!tenants) notFound();
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Tenants</h1>
        <p className="muted">
          Archiving keeps a tenant&apos;s data and lets runs already queued finish; its new jobs, reviews and changes
          are refused (the API answers 409 <code>tenant_archived</code>) and its people can only look, until it is
          restored. Add people on the <a href="/people">People</a> page.
        </p>
        <section className="card" aria-label="Create a tenant">
          <h2>Create a tenant</h2>
          <ActionForm action={createTenantAction} label="Create a tenant" className="stack">
            <label>
              Slug <input name="slug" required maxLength={50} pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]" />
            </label>
            <label>
              Name <input name="name" required maxLength={100} />
            </label>
            <label>
              Baseline model (savings are priced on it){" "}
              <ModelSelect name="baselineModel" defaultValue={DEFAULT_BASELINE_MODEL} />
            </label>
            <fieldset>
              <legend>Floor per role (routing may upgrade, never go below)</legend>
              {AGENT_ROLES.map((role) => (
                <label key={role}>
                  {role} <ModelSelect name={`floor:${role}`} defaultValue={DEFAULT_FLOOR} />
                </label>
              ))}
            </fieldset>
            <button type="submit">Create tenant</button>
          </ActionForm>
        </section>
        <section className="card">
          <div className="table-scroll">
            <table aria-label="Tenants">
              <thead>
                <tr>
                  <th>slug</th>
                  <th>name</th>
                  <th>baseline</th>
                  <th>floors</th>
                  <th>people</th>
                  <th>balance</th>
                  <th>created</th>
                  <th>state</th>
                </tr>
              </thead>
              <tbody>
                {tenants.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <code>{t.slug}</code>
                    </td>
                    <td>{t.name}</td>
                    <td>{shortModel(t.baselineModel)}</td>
                    <td>{AGENT_ROLES.map((r) => `${r}: ${shortModel(t.floors[r] ?? "none")}`).join(", ")}</td>
                    <td>{t.members}</td>
                    <td>{usd(t.balanceMicros, 2)}</td>
                    <td>{dateTime(t.createdAt)}</td>
                    <td>
                      <ActionForm
                        action={t.archivedAt ? restoreTenantAction : archiveTenantAction}
                        label={`${t.archivedAt ? "Restore" : "Archive"} ${t.slug}`}
                      >
                        <input type="hidden" name="tenantId" value={t.id} />
                        <span>{t.archivedAt ? `archived ${dateTime(t.archivedAt)}` : "active"}</span>
                        <button type="submit">{t.archivedAt ? "Restore" : "Archive"}</button>
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </main>
    </>
  );
}
