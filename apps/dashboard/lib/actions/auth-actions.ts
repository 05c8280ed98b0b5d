"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db, signInGuard } from "../server/services";
import { attemptSignIn, clientAddress } from "../server/sign-in";
import { getSession } from "../server/session";

const SignInSchema = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export interface SignInState {
  error?: string;
}

/**
 * One answer for a wrong email and a wrong password, so the form does not reveal who has an account; repeated
 * failures lock the account and the address for a while (server/sign-in.ts), with one answer for both too.
 */
export async function signIn(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = SignInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "Enter your email and password." };
  const address = clientAddress(await headers());
  const outcome = await attemptSignIn(db(), signInGuard(), { ...parsed.data, address });
  if ("error" in outcome) return { error: outcome.error };
  const session = await getSession();
  session.userId = outcome.userId;
  session.issuedAt = Date.now();
  await session.save();
  redirect("/agents");
}

export async function signOut(): Promise<void> {
  const session = await getSession();
  session.destroy();
  redirect("/sign-in");
}
