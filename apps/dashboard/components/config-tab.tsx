import { ACTIVE_MODEL_IDS } from "@switchyard/agents";
import { updateAgentConfigAction } from "../lib/actions/form-actions";
import { ActionForm } from "./action-form";
import { canAccess, type Viewer } from "../lib/server/auth";
import { listAgentConfigs } from "../lib/server/config-view";
import type { PageFilters } from "../lib/server/page-filters";

/** Floors per role: the least capable model a role may use. Editors and owners may change them. */
export async function ConfigTab({ viewer, filters }: { viewer: Viewer; filters: PageFilters }) {
  const configs = await listAgentConfigs(viewer, filters);
  if (configs.length === 0) return <div className="card empty">No agents are configured for these tenants.</div>;
  return (
    <div className="card">
      <table aria-label="Agent configuration">
        <thead>
          <tr>
            <th>tenant</th>
            <th>role</th>
            <th>floor model</th>
            <th>adapter</th>
            <th>enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {configs.map((c) => {
            const canEdit = canAccess(viewer, c.tenantId, "editor");
            return (
              <tr key={c.id}>
                <td>{c.tenant.name}</td>
                <td>{c.role}</td>
                <td colSpan={4}>
                  <ActionForm action={updateAgentConfigAction} label={`Config ${c.tenant.name} ${c.role}`}>
                    <input type="hidden" name="configId" value={c.id} />
                    <select name="model" defaultValue={c.model} disabled={!canEdit} aria-label="floor model">
                      {ACTIVE_MODEL_IDS.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                      {!ACTIVE_MODEL_IDS.includes(c.model) && <option value={c.model}>{c.model} (not offered)</option>}
                    </select>
                    <select name="adapter" defaultValue={c.adapter} disabled={!canEdit} aria-label="adapter">
                      <option value="auto">auto</option>
                      <option value="anthropic">anthropic</option>
                      <option value="simulated">simulated</option>
                    </select>
                    <label className="row">
                      <input type="checkbox" name="isEnabled" defaultChecked={c.isEnabled} disabled={!canEdit} />{" "}
                      enabled
                    </label>
                    {canEdit ? (
                      <button type="submit" className="secondary">
                        Save
                      </button>
                    ) : (
                      <span className="muted">view only</span>
                    )}
                  </ActionForm>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
