"use server";
import { agentsEnv, invitationUrl } from "@switchyard/agents";
import { revalidatePath } from "next/cache";
import { requireViewer } from "../server/auth";
import {
  addPersonAs,
  archiveTenantAs,
  createTenantAs,
  reissueInvitationAs,
  restoreTenantAs,
} from "../server/tenant-mutations";
import { dateTime } from "../view/format";
import { failure, type FormState } from "./form-state";

/** A form's text field, or undefined when it was left empty (so a schema default applies). */
function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export async function createTenantAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const floors: Record<string, string> = {};
    for (const [key, value] of form.entries())
      if (key.startsWith("floor:") && typeof value === "string" && value) floors[key.slice(6)] = value;
    const tenant = await createTenantAs(viewer, {
      slug: form.get("slug"),
      name: form.get("name"),
      baselineModel: field(form, "baselineModel"),
      floors,
    });
    revalidatePath("/tenants");
    return { message: `Created ${tenant.name} (${tenant.slug}). Add its first owner on the People page.` };
  } catch (error) {
    return failure(error);
  }
}

export async function archiveTenantAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { tenant, isDuplicate } = await archiveTenantAs(viewer, { tenantId: form.get("tenantId") });
    revalidatePath("/tenants");
    return { message: isDuplicate ? `${tenant.slug} was already archived.` : `Archived ${tenant.slug}.` };
  } catch (error) {
    return failure(error);
  }
}

export async function restoreTenantAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { tenant, isDuplicate } = await restoreTenantAs(viewer, { tenantId: form.get("tenantId") });
    revalidatePath("/tenants");
    return { message: isDuplicate ? `${tenant.slug} was not archived.` : `Restored ${tenant.slug}.` };
  } catch (error) {
    return failure(error);
  }
}

export async function addPersonAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const added = await addPersonAs(viewer, {
      tenantId: form.get("tenantId"),
      email: form.get("email"),
      name: form.get("name"),
      role: form.get("role"),
    });
    revalidatePath("/people");
    if (!added.invitation) return { message: `Added ${added.email}, who already has an account, as ${added.role}.` };
    const until = dateTime(added.invitation.expiresAt);
    return {
      message:
        `Added ${added.email} as ${added.role}. Give them this link: it sets their password once and works ` +
        `until ${until} UTC. It is not shown again.`,
      secret: invitationUrl(agentsEnv().DASHBOARD_URL, added.invitation.token),
    };
  } catch (error) {
    return failure(error);
  }
}

export async function reissueInvitationAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const link = await reissueInvitationAs(viewer, { email: form.get("email") });
    revalidatePath("/people");
    return {
      message: `A new link for ${link.email}, working until ${dateTime(link.expiresAt)} UTC; older links stopped.`,
      secret: invitationUrl(agentsEnv().DASHBOARD_URL, link.token),
    };
  } catch (error) {
    return failure(error);
  }
}
