import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signInPageState } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/sign-in`: email and password; on a fresh installation, the form that makes the owner's account instead. */
export default async function SignInPage({ searchParams }: Props) {
  const state = await signInPageState();
  if (!state.authEnabled) redirect("/");
  const { reason } = await searchParams;
  if (state.firstAccount) {
    return (
      <AuthCard title="Create the owner account" subtitle="Nobody has an account on this Arbor yet. The first account owns the workspace and invites everyone else.">
        <SignUpForm inviteToken={null} submitLabel="Create owner account" />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign in to Arbor" subtitle="Your team's playground for the Responses API.">
      {reason === "no-workspace" ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-800 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-300">
          Your account is not in a workspace yet. Ask a workspace owner for an invite link.
        </p>
      ) : null}
      <SignInForm />
      <p className="mt-5 text-center text-xs text-zinc-500 dark:text-zinc-400">No account? Accounts are made from an invite link a workspace owner sends you.</p>
    </AuthCard>
  );
}
