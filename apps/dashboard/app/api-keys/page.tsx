import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { issueApiKeyAction, revokeApiKeyAction, rotateApiKeyAction } from "../../lib/actions/api-key-actions";
import { type TenantApiKeys, loadApiKeys } from "../../lib/server/api-keys-view";
import { requireViewer } from "../../lib/server/auth";
import { dateTime } from "../../lib/view/format";

export const dynamic = "force-dynamic";

const GRACE_OPTIONS = [
  [0, "stops now"],
  [60, "1 hour"],
  [24 * 60, "24 hours"],
  [7 * 24 * 60, "7 days"],
] as const;

const STATE_LABELS = {
  active: "active",
  rotating: "rotated, in its grace period",
  expired: "rotated, grace period over",
  revoked: "revoked",
} as const;

export default async function ApiKeysPage() {
  const viewer = await requireViewer();
  const tenants = await loadApiKeys(viewer);
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>API keys</h1>
        <p className="muted">
          A key is shown once, when it is issued or rotated, and stored only as a hash. Revoking stops a key at once;
          rotating issues its successor and keeps the old key working for the grace period you pick. Owners manage a
          tenant&apos;s keys; editors and viewers see them.
        </p>
        {tenants.length === 0 && <div className="card empty">You belong to no tenant.</div>}
        {tenants.map((t) => (
          <TenantKeys key={t.tenant.id} entry={t} />
        ))}
      </main>
    </>
  );
}

function TenantKeys({ entry: { tenant, canManage, keys } }: { entry: TenantApiKeys }) {
  return (
    <section className="card" aria-label={`API keys of ${tenant.name}`}>
      <h2>{tenant.name}</h2>
      {canManage && (
        <ActionForm action={issueApiKeyAction} label={`Issue a key for ${tenant.name}`}>
          <input type="hidden" name="tenantId" value={tenant.id} />
          <label>
            Name <input name="name" required maxLength={100} placeholder="CI deploys, web shop, …" />
          </label>
          <button type="submit">Issue key</button>
        </ActionForm>
      )}
      {keys.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={`Keys of ${tenant.name}`}>
            <thead>
              <tr>
                <th>name</th>
                <th>key</th>
                <th>state</th>
                <th>created</th>
                <th>last used</th>
                <th>stops</th>
                {canManage && <th>manage</th>}
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{STATE_LABELS[k.state]}</td>
                  <td>{dateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : "never"}</td>
                  <td>{dateTime(k.revokedAt ?? k.expiresAt)}</td>
                  {canManage && (
                    <td>
                      <KeyActions tenantId={tenant.id} keyId={k.id} name={k.name} state={k.state} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * Both forms stay on the row whatever the key's state (their buttons disabled when they no longer apply): the
 * rotate form holds the successor until the page is left, even when a grace of 0 ends the old key at once.
 */
function KeyActions({
  tenantId,
  keyId,
  name,
  state,
}: {
  tenantId: string;
  keyId: string;
  name: string;
  state: string;
}) {
  const canRotate = state === "active";
  const canRevoke = state === "active" || state === "rotating";
  return (
    <div className="stack">
      <ActionForm action={rotateApiKeyAction} label={`Rotate ${name}`}>
        <input type="hidden" name="tenantId" value={tenantId} />
        <input type="hidden" name="keyId" value={keyId} />
        <label>
          old key{" "}
          <select name="graceMinutes" defaultValue={String(24 * 60)} disabled={!canRotate}>
            {GRACE_OPTIONS.map(([minutes, label]) => (
              <option key={minutes} value={minutes}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!canRotate}>
          Rotate
        </button>
      </ActionForm>
      <ActionForm action={revokeApiKeyAction} label={`Revoke ${name}`}>
        <input type="hidden" name="tenantId" value={tenantId} />
        <input type="hidden" name="keyId" value={keyId} />
        <button type="submit" disabled={!canRevoke}>
          Revoke
        </button>
      </ActionForm>
    </div>
  );
}
