"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireViewer } from "../server/auth";
import {
  enqueueAs,
  grantAs,
  setSpendCapsAs,
  reviewAs,
  updateConfigAs,
  updateJudgeModelAs,
  updatePromptCacheAs,
  updateRoutingOverridesAs,
} from "../server/mutations";
import { failure, type FormState } from "./form-state";

export type { FormState } from "./form-state";

/**
 * A text field's value, or null when the form has none; a file sent in its place counts as none, not
 * "[object File]".
 */
function textField(form: FormData, name: string): string | null {
  const value = form.get(name);
  return typeof value === "string" ? value : null;
}

/** A numeric field as a number (NaN when it is not one, for the schema to refuse), or undefined when blank. */
function numberField(form: FormData, name: string): number | undefined {
  const value = textField(form, name);
  return value === null || value.trim() === "" ? undefined : Number(value);
}

export async function updateAgentConfigAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    await updateConfigAs(viewer, {
      configId: form.get("configId"),
      model: form.get("model"),
      adapter: form.get("adapter"),
      isEnabled: form.get("isEnabled") === "on",
      judgeMode: form.get("judgeMode") ?? undefined,
      judgeSamplePct: numberField(form, "judgeSamplePct"),
      applyBriefAnalysis: form.get("applyBriefAnalysis") === "on",
      isBatchByDefault: form.get("isBatchByDefault") === "on",
      duplicateWindowDays: numberField(form, "duplicateWindowDays"),
      examplesMode: form.get("examplesMode") ?? undefined,
      cascadeEnabled: form.get("cascadeEnabled") === "on",
      cascadeThreshold: numberField(form, "cascadeThreshold"),
      routerMode: form.get("routerMode") ?? undefined,
    });
    revalidatePath("/agents");
    return { message: "Saved." };
  } catch (error) {
    return failure(error);
  }
}

export async function updateJudgeModelAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    await updateJudgeModelAs(viewer, { tenantId: form.get("tenantId"), judgeModel: form.get("judgeModel") });
    revalidatePath("/agents");
    return { message: "Saved." };
  } catch (error) {
    return failure(error);
  }
}

export async function updatePromptCacheAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    await updatePromptCacheAs(viewer, { tenantId: form.get("tenantId"), promptCacheTtl: form.get("promptCacheTtl") });
    revalidatePath("/agents");
    return { message: "Saved." };
  } catch (error) {
    return failure(error);
  }
}

/** Saves the tier table a replay priced as the tenant's routing overrides (sent as JSON by the replay form). */
export async function saveReplayedRoutingAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const raw = textField(form, "routingOverrides") ?? "";
    let routingOverrides: unknown;
    try {
      routingOverrides = JSON.parse(raw);
    } catch {
      return { error: "The routing table sent is not valid JSON; nothing was changed." };
    }
    const saved = await updateRoutingOverridesAs(viewer, { tenantId: form.get("tenantId"), routingOverrides });
    revalidatePath("/agents");
    const count = Object.values(saved).reduce((n, tiers) => n + Object.keys(tiers).length, 0);
    return {
      message: `Saved as the routing table: ${count} tier override${count === 1 ? "" : "s"}; floors still apply.`,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function reviewAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const score = textField(form, "score");
    const { revisionRunId, isDuplicate } = await reviewAs(viewer, {
      contentItemId: form.get("contentItemId"),
      verdict: form.get("verdict"),
      score: score ? Number(score) : undefined,
      feedback: textField(form, "feedback") ?? "",
    });
    revalidatePath("/content");
    const done = revisionRunId ? "Rejected; a revision run is queued." : "Approved.";
    return { message: isDuplicate ? `Already reviewed: ${done}` : done };
  } catch (error) {
    return failure(error);
  }
}

export async function grantAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const result = await grantAs(viewer, {
      tenantId: form.get("tenantId"),
      usd: Number(form.get("usd")),
      idempotencyKey: form.get("idempotencyKey"),
      note: form.get("note") || undefined,
    });
    revalidatePath("/credits");
    return { message: result.isDuplicate ? "That grant was already applied." : "Credits granted." };
  } catch (error) {
    return failure(error);
  }
}

/** An empty cap field removes the cap; anything else goes to the schema as a number. */
function capField(form: FormData, name: string): number | null {
  return numberField(form, name) ?? null;
}

export async function setSpendCapsAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    await setSpendCapsAs(viewer, {
      tenantId: form.get("tenantId"),
      dailyCapUsd: capField(form, "dailyCapUsd"),
      monthlyCapUsd: capField(form, "monthlyCapUsd"),
    });
    revalidatePath("/credits");
    return { message: "Spend caps saved." };
  } catch (error) {
    return failure(error);
  }
}

/** "2026-12-02T14:30" (a datetime-local value) as UTC ISO 8601; anything else passes through for the schema. */
function utcFromLocalInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)
    ? `${value.length === 16 ? `${value}:00` : value}Z`
    : value;
}

export async function enqueueAction(_state: FormState, form: FormData): Promise<FormState> {
  let runId: string;
  try {
    const viewer = await requireViewer();
    const words = form.get("outputLengthTarget");
    const urgency = textField(form, "urgency");
    // A datetime-local field has no offset; the form labels it UTC.
    const deliverBy = textField(form, "deliverBy");
    const { run } = await enqueueAs(viewer, String(textField(form, "tenantId")), {
      role: form.get("role"),
      topic: form.get("topic"),
      brief: textField(form, "brief") ?? "",
      requiresReasoning: form.get("requiresReasoning") === "on",
      ...(words ? { outputLengthTarget: Number(words) } : {}),
      ...(urgency ? { urgency } : {}),
      ...(deliverBy ? { deliverBy: utcFromLocalInput(deliverBy) } : {}),
    });
    runId = run.id;
  } catch (error) {
    return failure(error);
  }
  redirect(`/runs/${runId}`);
}
