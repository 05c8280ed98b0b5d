import { WEBHOOK_EVENT_TYPES, type WebhookEndpointSummary } from "@switchyard/agents";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { addWebhookEndpointAction, removeWebhookEndpointAction } from "../../lib/actions/webhook-actions";
import { requireViewer } from "../../lib/server/auth";
import { loadWebhooks, type TenantWebhooks } from "../../lib/server/webhooks-view";
import { dateTime } from "../../lib/view/format";

export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const viewer = await requireViewer();
  const tenants = await loadWebhooks(viewer);
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>Webhooks</h1>
        <p className="muted">
          Each endpoint is sent the events it subscribes to, signed with its secret (the README&apos;s Webhooks section
          shows how to verify). The secret is shown once, when the endpoint is added. A delivery that is not answered
          with a 2xx is retried with growing waits for about a day. Owners add and remove endpoints; editors and viewers
          see them and their deliveries.
        </p>
        {tenants.length === 0 && <div className="card empty">You belong to no tenant.</div>}
        {tenants.map((t) => (
          <TenantEndpoints key={t.tenant.id} entry={t} />
        ))}
      </main>
    </>
  );
}

function TenantEndpoints({ entry: { tenant, canManage, endpoints } }: { entry: TenantWebhooks }) {
  return (
    <section className="card" aria-label={`Webhooks of ${tenant.name}`}>
      <h2>{tenant.name}</h2>
      {canManage && (
        <ActionForm
          action={addWebhookEndpointAction}
          label={`Add a webhook endpoint for ${tenant.name}`}
          secretLabel="New webhook signing secret"
        >
          <input type="hidden" name="tenantId" value={tenant.id} />
          <label>
            URL <input name="url" type="url" required maxLength={2000} placeholder="https://example.com/hooks" />
          </label>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" name="events" value={type} defaultChecked={type.startsWith("run.")} /> {type}
            </label>
          ))}
          <button type="submit">Add endpoint</button>
        </ActionForm>
      )}
      {endpoints.length === 0 ? (
        <p className="muted">No endpoints yet.</p>
      ) : (
        endpoints.map((endpoint) => (
          <Endpoint key={endpoint.id} tenantId={tenant.id} endpoint={endpoint} canManage={canManage} />
        ))
      )}
    </section>
  );
}

function Endpoint({
  tenantId,
  endpoint,
  canManage,
}: {
  tenantId: string;
  endpoint: WebhookEndpointSummary;
  canManage: boolean;
}) {
  return (
    <article className="stack" aria-label={`Endpoint ${endpoint.url}`}>
      <h3>
        <code>{endpoint.url}</code>
      </h3>
      <p className="muted">
        {endpoint.events.join(", ")} · added {dateTime(endpoint.createdAt)}
        {endpoint.isEnabled ? "" : " · disabled"}
      </p>
      {canManage && (
        <ActionForm action={removeWebhookEndpointAction} label={`Remove ${endpoint.url}`}>
          <input type="hidden" name="tenantId" value={tenantId} />
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <button type="submit">Remove endpoint</button>
        </ActionForm>
      )}
      {endpoint.deliveries.length === 0 ? (
        <p className="muted">Nothing delivered yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={`Deliveries to ${endpoint.url}`}>
            <thead>
              <tr>
                <th>event</th>
                <th>status</th>
                <th>attempts</th>
                <th>last answer</th>
                <th>last error</th>
                <th>next attempt</th>
                <th>delivered</th>
              </tr>
            </thead>
            <tbody>
              {endpoint.deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.eventType} <code className="muted">{d.eventId}</code>
                  </td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatusCode ?? "—"}</td>
                  <td>{d.lastError ?? "—"}</td>
                  <td>{dateTime(d.nextAttemptAt)}</td>
                  <td>{dateTime(d.deliveredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
