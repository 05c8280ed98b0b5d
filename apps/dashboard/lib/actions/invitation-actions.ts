"use server";
import { acceptInvitation, SwitchyardError } from "@switchyard/agents";
import { redirect } from "next/navigation";
import { errorSummary } from "../server/api-errors";
import { logger } from "../server/logger";
import { db } from "../server/services";
import { getSession } from "../server/session";

export interface SetPasswordState {
  error?: string;
}

/**
 * Sets a new person's password from their one-time link and signs them in. The link is used up in the same
 * transaction that writes the password; a second use, an expired or unknown link is refused with the reason.
 */
export async function setPasswordFromInvitation(_state: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const password = form.get("password");
  if (password !== form.get("confirm")) return { error: "The two passwords differ." };
  let userId: string;
  try {
    ({ userId } = await acceptInvitation(db(), { token: form.get("token"), password }));
  } catch (error) {
    if (error instanceof SwitchyardError) return { error: error.message };
    logger().error({ err: errorSummary(error) }, "setting a password from an invitation failed");
    return { error: "Something went wrong; your password was not set." };
  }
  const session = await getSession();
  session.userId = userId;
  session.issuedAt = Date.now();
  await session.save();
  redirect("/agents");
}
