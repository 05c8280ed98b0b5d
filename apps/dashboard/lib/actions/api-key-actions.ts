"use server";
import { revalidatePath } from "next/cache";
import { issueApiKeyAs, revokeApiKeyAs, rotateApiKeyAs } from "../server/api-key-mutations";
import { requireViewer } from "../server/auth";
import { failure, type FormState } from "./form-state";

/** A numeric field as a number (NaN when it is not one, for the schema to refuse), or undefined when absent. */
function numberField(form: FormData, name: string): number | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? Number(value) : undefined;
}

export async function issueApiKeyAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { apiKey, secret } = await issueApiKeyAs(viewer, { tenantId: form.get("tenantId"), name: form.get("name") });
    revalidatePath("/api-keys");
    return { message: `Issued "${apiKey.name}". Copy it now: it is not shown again.`, secret };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeApiKeyAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { apiKey, isDuplicate } = await revokeApiKeyAs(viewer, {
      tenantId: form.get("tenantId"),
      keyId: form.get("keyId"),
    });
    revalidatePath("/api-keys");
    return { message: isDuplicate ? `${apiKey.prefix}… was already revoked.` : `Revoked ${apiKey.prefix}….` };
  } catch (error) {
    return failure(error);
  }
}

export async function rotateApiKeyAction(_state: FormState, form: FormData): Promise<FormState> {
  try {
    const viewer = await requireViewer();
    const { secret, previous } = await rotateApiKeyAs(viewer, {
      tenantId: form.get("tenantId"),
      keyId: form.get("keyId"),
      graceMinutes: numberField(form, "graceMinutes"),
    });
    revalidatePath("/api-keys");
    const until = previous.expiresAt?.toISOString().replace("T", " ").slice(0, 16);
    const copy = "Copy the new key now: it is not shown again.";
    return { message: `Rotated. ${previous.prefix}… works until ${until ?? "now"} UTC. ${copy}`, secret };
  } catch (error) {
    return failure(error);
  }
}
