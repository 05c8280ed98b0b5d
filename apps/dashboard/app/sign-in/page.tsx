import { redirect } from "next/navigation";
import { currentViewer } from "../../lib/server/auth";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentViewer()) redirect("/agents");
  return (
    <main className="narrow">
      <h1>Sign in to Switchyard</h1>
      <SignInForm />
      <p className="muted">Demo: operator@switchyard.dev / switchyard-demo</p>
    </main>
  );
}
