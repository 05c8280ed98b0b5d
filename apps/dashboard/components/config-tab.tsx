import { ACTIVE_MODEL_IDS } from "@switchyard/agents";
import { updateAgentConfigAction, updateJudgeModelAction, updatePromptCacheAction } from "../lib/actions/form-actions";
import { ActionForm } from "./action-form";
import { canAccess, type Viewer } from "../lib/server/auth";
import { listAgentConfigs, listJudgeModels } from "../lib/server/config-view";
import type { PageFilters } from "../lib/server/page-filters";

/**
 * Floors and judge settings per role (editors and owners may change them), and each tenant's
 * judge model (owners choose it: the judge's calls are charged to the tenant).
 */
export async function ConfigTab({ viewer, filters }: { viewer: Viewer; filters: PageFilters }) {
  const [configs, judgeModels] = await Promise.all([
    listAgentConfigs(viewer, filters),
    listJudgeModels(viewer, filters),
  ]);
  if (configs.length === 0) return <div className="card empty">No agents are configured for these tenants.</div>;
  return (
    <div className="stack">
      <section className="card" aria-label="Judge model">
        <h2>Judge model and prompt cache</h2>
        <p className="muted">
          The LLM judge grades sampled runs on this model; its calls are charged as evaluation cost. A cheap model is
          the point: Haiku 4.5 unless you choose otherwise. The prompt cache keeps each role&apos;s stable prefix
          (instructions, brand context, approved examples): reads bill 0.1× input, writes 1.25× (5 minutes) or 2× (1
          hour). Choose 1 hour when a role&apos;s jobs come less often than every five minutes.
        </p>
        <div className="table-scroll">
          <table>
            <tbody>
              {judgeModels.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <ActionForm action={updateJudgeModelAction} label={`Judge model ${t.name}`}>
                      <input type="hidden" name="tenantId" value={t.id} />
                      <ModelSelect
                        name="judgeModel"
                        value={t.judgeModel}
                        label="judge model"
                        disabled={!canAccess(viewer, t.id, "owner")}
                      />
                      <SaveButton canEdit={canAccess(viewer, t.id, "owner")} />
                    </ActionForm>
                  </td>
                  <td>
                    <ActionForm action={updatePromptCacheAction} label={`Prompt cache ${t.name}`}>
                      <input type="hidden" name="tenantId" value={t.id} />
                      <label>
                        prompt cache{" "}
                        <select
                          name="promptCacheTtl"
                          defaultValue={t.promptCacheTtl}
                          disabled={!canAccess(viewer, t.id, "owner")}
                        >
                          <option value="5m">5 minutes</option>
                          <option value="1h">1 hour</option>
                          <option value="off">off</option>
                        </select>
                      </label>
                      <SaveButton canEdit={canAccess(viewer, t.id, "owner")} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-label="Agents">
        <div className="table-scroll">
          <table aria-label="Agent configuration">
            <thead>
              <tr>
                <th>tenant</th>
                <th>role</th>
                <th>
                  floor model · adapter · enabled · judge (always, a sample of n%, or off) · near-duplicate window
                </th>
              </tr>
            </thead>
            <tbody>
              {configs.map((c) => {
                const canEdit = canAccess(viewer, c.tenantId, "editor");
                return (
                  <tr key={c.id}>
                    <td>{c.tenant.name}</td>
                    <td>{c.role}</td>
                    <td>
                      <ConfigForm config={c} canEdit={canEdit} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

type Config = Awaited<ReturnType<typeof listAgentConfigs>>[number];

function ConfigForm({ config: c, canEdit }: { config: Config; canEdit: boolean }) {
  return (
    <ActionForm action={updateAgentConfigAction} label={`Config ${c.tenant.name} ${c.role}`}>
      <input type="hidden" name="configId" value={c.id} />
      <ModelSelect name="model" value={c.model} label="floor model" disabled={!canEdit} />
      <select name="adapter" defaultValue={c.adapter} disabled={!canEdit} aria-label="adapter">
        <option value="auto">auto</option>
        <option value="anthropic">anthropic</option>
        <option value="simulated">simulated</option>
      </select>
      <label className="row">
        <input type="checkbox" name="isEnabled" defaultChecked={c.isEnabled} disabled={!canEdit} /> enabled
      </label>
      <select name="judgeMode" defaultValue={c.judgeMode} disabled={!canEdit} aria-label="judge mode">
        <option value="always">judge always</option>
        <option value="sample">judge a sample</option>
        <option value="off">judge off</option>
      </select>
      <label className="row">
        <input
          type="number"
          name="judgeSamplePct"
          min={0}
          max={100}
          step={1}
          defaultValue={c.judgeSamplePct}
          disabled={!canEdit}
          aria-label="judge sample percent"
          className="narrow"
        />
        % sampled
      </label>
      <label
        className="row"
        title="An analysis cue the brief reader finds (compare, why, forecast…) turns reasoning on"
      >
        <input
          type="checkbox"
          name="applyBriefAnalysis"
          aria-label="briefs asking for analysis get reasoning"
          defaultChecked={c.applyBriefAnalysis}
          disabled={!canEdit}
        />
        analysis briefs get reasoning
      </label>
      <label
        className="row"
        title="Jobs of this role wait for a Message Batch (half price, within 24 h) unless they ask for live"
      >
        <input
          type="checkbox"
          name="isBatchByDefault"
          aria-label="jobs wait for a batch by default"
          defaultChecked={c.isBatchByDefault}
          disabled={!canEdit}
        />
        batch by default
      </label>
      <label
        className="row"
        title="Drafts are compared with the approved and published pieces of this many days; 0 turns the guard off"
      >
        <input
          type="number"
          name="duplicateWindowDays"
          min={0}
          max={365}
          step={1}
          defaultValue={c.duplicateWindowDays}
          disabled={!canEdit}
          aria-label="near-duplicate window in days"
          className="narrow"
        />
        days checked for near-duplicates
      </label>
      <select
        name="examplesMode"
        defaultValue={c.examplesMode}
        disabled={!canEdit}
        aria-label="examples in the prompt"
        title={
          "Which approved pieces the prompt shows as examples: a topic set fits the job " +
          "and keeps the cached prefix shared"
        }
      >
        <option value="topic_set">examples: best topic set</option>
        <option value="best_fit">examples: best fit per job</option>
        <option value="latest">examples: newest</option>
      </select>
      <label
        className="row"
        title={
          "Write first with the next model down (never below the floor); keep the draft when its checks and the " +
          "judge both reach the bar, else the routed model writes it. Both calls and the judge are charged."
        }
      >
        <input
          type="checkbox"
          name="cascadeEnabled"
          aria-label="cascade: cheaper model first"
          defaultChecked={c.cascadeEnabled}
          disabled={!canEdit}
        />
        cheaper model first, kept at
        <input
          type="number"
          name="cascadeThreshold"
          min={0}
          max={1}
          step={0.05}
          defaultValue={c.cascadeThreshold}
          disabled={!canEdit}
          aria-label="cascade gate threshold"
          className="narrow"
        />
      </label>
      <select
        name="routerMode"
        defaultValue={c.routerMode}
        disabled={!canEdit}
        aria-label="router mode"
        title={
          "Hybrid: a small model (Haiku) picks the tier of tasks near a tier boundary, charged with the run; " +
          "the floor still applies and a circuit breaker falls back to the rules"
        }
      >
        <option value="heuristic">router: rules</option>
        <option value="hybrid">router: hybrid (classifier at close calls)</option>
      </select>
      <SaveButton canEdit={canEdit} />
    </ActionForm>
  );
}

function ModelSelect({
  name,
  value,
  label,
  disabled,
}: {
  name: string;
  value: string;
  label: string;
  disabled: boolean;
}) {
  return (
    <select name={name} defaultValue={value} disabled={disabled} aria-label={label}>
      {ACTIVE_MODEL_IDS.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
      {!ACTIVE_MODEL_IDS.includes(value) && <option value={value}>{value} (not offered)</option>}
    </select>
  );
}

function SaveButton({ canEdit }: { canEdit: boolean }) {
  return canEdit ? (
    <button type="submit" className="secondary">
      Save
    </button>
  ) : (
    <span className="muted">view only</span>
  );
}
