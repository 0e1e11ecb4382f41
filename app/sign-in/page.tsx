import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OidcError } from "@/components/auth/oidc-error";
import { OidcSignIn, OrDivider } from "@/components/auth/oidc-sign-in";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signInPageState } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * `/sign-in`: the issuer's button when ARBOR_OIDC_* is set, and email and password; on a fresh installation, the ways
 * to make the owner's account instead. `?error=` is where a failed OIDC callback lands.
 */
export default async function SignInPage({ searchParams }: Props) {
  const state = await signInPageState();
  if (!state.authEnabled) redirect("/");
  const { reason, error } = await searchParams;
  const oidcError = state.oidcName && typeof error === "string" ? <OidcError code={error} name={state.oidcName} /> : null;
  if (state.firstAccount) {
    return (
      <AuthCard title="Create the owner account" subtitle="Nobody has an account on this Arbor yet. The first account owns the workspace and invites everyone else.">
        {oidcError}
        {state.oidcName ? (
          <>
            <OidcSignIn name={state.oidcName} inviteToken={null} label={`Continue with ${state.oidcName}`} />
            <OrDivider text="or with a password" />
          </>
        ) : null}
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
      {oidcError}
      {state.oidcName ? (
        <>
          <OidcSignIn name={state.oidcName} inviteToken={null} />
          <OrDivider text="or with email" />
        </>
      ) : null}
      <SignInForm />
      <p className="mt-5 text-center text-xs text-zinc-500 dark:text-zinc-400">No account? Accounts are made from an invite link a workspace owner sends you.</p>
    </AuthCard>
  );
}
