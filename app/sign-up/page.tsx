import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OidcSignIn, OrDivider } from "@/components/auth/oidc-sign-in";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signInPageState } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join a workspace" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/sign-up?invite=<token>`: make an account from an invite link, with a password or through the OIDC issuer. */
export default async function SignUpPage({ searchParams }: Props) {
  const state = await signInPageState();
  if (!state.authEnabled) redirect("/");
  const { invite } = await searchParams;
  const token = typeof invite === "string" ? invite : null;
  const open = token ? await state.inviteOpen(token) : false;
  if (!open) {
    return (
      <AuthCard title="This invite link does not work" subtitle="It may have expired or been used already. Ask the workspace owner for a new one.">
        <a href="/sign-in" className="text-[13px] font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Go to sign-in
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join the workspace" subtitle={state.oidcName ? `Join with your ${state.oidcName} account, or choose your name and a password.` : "Choose your name and a password."}>
      {state.oidcName ? (
        <>
          <OidcSignIn name={state.oidcName} inviteToken={token} label={`Join with ${state.oidcName}`} />
          <OrDivider text="or with a password" />
        </>
      ) : null}
      <SignUpForm inviteToken={token} submitLabel="Create account" />
    </AuthCard>
  );
}
