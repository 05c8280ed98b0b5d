"use server";
import { revalidatePath } from "next/cache";
import { requireViewer } from "../server/auth";
import { addWebhookEndpointAs, removeWebhookEndpointAs } from "../server/webhook-mutations";
import { failure, type FormState } from "./form-state";

export async function addWebhookEndpointAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { endpoint, secret } = await addWebhookEndpointAs(viewer, {
      tenantId: form.get("tenantId"),
      url: form.get("url"),
      events: form.getAll("events"),
    });
    revalidatePath("/webhooks");
    return { message: `Added ${endpoint.url}. Copy its signing secret now: it is not shown again.`, secret };
  } catch (error) {
    return failure(error);
  }
}

export async function removeWebhookEndpointAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    await removeWebhookEndpointAs(viewer, { tenantId: form.get("tenantId"), endpointId: form.get("endpointId") });
    revalidatePath("/webhooks");
    return { message: "Removed, with its delivery log." };
  } catch (error) {
    return failure(error);
  }
}
