"use client";

import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/client/auth";
import { OIDC_PROVIDER_ID } from "@/lib/contracts/team";

/**
 * "Sign in with <name>": off to the issuer and back. From an invite page the invite's token goes along, so the account
 * the issuer's user gets joins with the invite's role; failures come back to /sign-in with `?error=`.
 */
export function OidcSignIn({ name, inviteToken, label }: { name: string; inviteToken: string | null; label?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The server renders the button disabled: it only works once React has attached its click handler.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  async function start() {
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.signIn.social({
      provider: OIDC_PROVIDER_ID,
      callbackURL: "/",
      errorCallbackURL: "/sign-in",
      ...(inviteToken ? { additionalData: { inviteToken } } : {}),
    });
    // On success the browser is already on its way to the issuer; the button stays busy until it leaves.
    if (failed) {
      setPending(false);
      setError(failed.message ?? `Sign-in with ${name} could not start.`);
    }
  }

  return (
    <div>
      <Button variant="secondary" className="h-9 w-full" disabled={pending || !hydrated} onClick={() => void start()} data-testid="oidc-sign-in">
        <KeyIcon />
        {pending ? `Going to ${name}…` : (label ?? `Sign in with ${name}`)}
      </Button>
      {error ? (
        <p role="alert" className="mt-2 text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function noSubscription(): () => void {
  return () => undefined;
}

function KeyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 text-zinc-500 dark:text-zinc-400" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="5.5" cy="10.5" r="3" />
      <path d="M7.6 8.4 13.5 2.5M11.5 4.5l1.5 1.5M10 6l1.2 1.2" />
    </svg>
  );
}

/** The line between the issuer's button and the email form. */
export function OrDivider({ text }: { text: string }) {
  return (
    <div className="my-4 flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true" className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      <span>{text}</span>
      <span aria-hidden="true" className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
