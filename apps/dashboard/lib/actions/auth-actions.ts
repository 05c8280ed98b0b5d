"use server";
import { verifyPassword } from "@switchyard/db";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../server/services";
import { getSession } from "../server/session";

const SignInSchema = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export interface SignInState {
  error?: string;
}

/** One answer for a wrong email and a wrong password, so the form does not reveal who has an account. */
export async function signIn(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = SignInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "Enter your email and password." };
  const user = await db().user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
  const isValid = user ? await verifyPassword(parsed.data.password, user.passwordHash) : false;
  if (!user || !isValid) return { error: "That email and password do not match an account." };
  const session = await getSession();
  session.userId = user.id;
  session.issuedAt = Date.now();
  await session.save();
  redirect("/agents");
}

export async function signOut(): Promise<void> {
  const session = await getSession();
  session.destroy();
  redirect("/sign-in");
}
