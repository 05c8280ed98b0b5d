import type { MemberSummary } from "@switchyard/agents";
import { ActionForm } from "../../components/action-form";
import { NavBar } from "../../components/nav-bar";
import { addPersonAction, reissueInvitationAction } from "../../lib/actions/tenant-actions";
import { requireViewer } from "../../lib/server/auth";
import { loadPeople, type TenantPeople } from "../../lib/server/people-view";
import { dateTime } from "../../lib/view/format";

export const dynamic = "force-dynamic";

const STATE_LABELS: Record<MemberSummary["state"], string> = {
  active: "active",
  invited: "invited, has not set a password",
  invitation_expired: "invited, link expired",
};

export default async function PeoplePage() {
  const viewer = await requireViewer();
  const tenants = await loadPeople(viewer);
  return (
    <>
      <NavBar viewer={viewer} />
      <main className="stack">
        <h1>People</h1>
        <p className="muted">
          Someone new gets a one-time link to set their password, shown once here: give it to them yourself (no mail is
          sent). It works once and expires. Someone who already has an account is just added. Owners invite editors and
          viewers to their tenant; operators add anyone, owners included.
        </p>
        {tenants.length === 0 && <div className="card empty">You belong to no tenant.</div>}
        {tenants.map((t) => (
          <TenantMembers key={t.tenant.id} entry={t} isOperator={viewer.isOperator} />
        ))}
      </main>
    </>
  );
}

function TenantMembers({
  entry: { tenant, canInvite, roles, members },
  isOperator,
}: {
  entry: TenantPeople;
  isOperator: boolean;
}) {
  return (
    <section className="card" aria-label={`People of ${tenant.name}`}>
      <h2>
        {tenant.name} {tenant.isArchived && <span className="muted">(archived: read only)</span>}
      </h2>
      {canInvite && (
        <ActionForm action={addPersonAction} label={`Add a person to ${tenant.name}`} secretLabel="Invitation link">
          <input type="hidden" name="tenantId" value={tenant.id} />
          <label>
            Email <input name="email" type="email" required maxLength={200} />
          </label>
          <label>
            Name <input name="name" maxLength={100} placeholder="for someone new" />
          </label>
          <label>
            Role{" "}
            <select name="role" defaultValue="editor">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add person</button>
        </ActionForm>
      )}
      {members.length === 0 ? (
        <p className="muted">Nobody yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={`Members of ${tenant.name}`}>
            <thead>
              <tr>
                <th>name</th>
                <th>email</th>
                <th>role</th>
                <th>state</th>
                {isOperator && <th>link</th>}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>{m.role}</td>
                  <td>
                    {STATE_LABELS[m.state]}
                    {m.state === "invited" && ` (until ${dateTime(m.invitationExpiresAt)})`}
                  </td>
                  {isOperator && (
                    <td>
                      {m.state !== "active" && (
                        <ActionForm
                          action={reissueInvitationAction}
                          label={`New link for ${m.email}`}
                          secretLabel="Invitation link"
                        >
                          <input type="hidden" name="email" value={m.email} />
                          <button type="submit">New link</button>
                        </ActionForm>
                      )}
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
