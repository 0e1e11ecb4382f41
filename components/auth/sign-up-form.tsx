"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/client/auth";
import { AuthField } from "./auth-card";

/** Make an account: the owner's on a fresh installation, else from an invite (its token goes with the sign-up). */
export function SignUpForm({ inviteToken, submitLabel }: { inviteToken: string | null; submitLabel: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.signUp.email({
      name: String(form.get("name")),
      email: String(form.get("email")),
      password: String(form.get("password")),
      ...(inviteToken ? { inviteToken } : {}),
    });
    setPending(false);
    if (failed) return setError(failed.message ?? "The account could not be created.");
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submit(event)}>
      <AuthField label="Name" name="name" autoComplete="name" required autoFocus maxLength={100} />
      <AuthField label="Email" name="email" type="email" autoComplete="email" required />
      <AuthField label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} aria-describedby="password-hint" />
      <p id="password-hint" className="-mt-2 mb-3.5 text-xs text-zinc-500 dark:text-zinc-400">
        At least 8 characters.
      </p>
      {error ? (
        <p role="alert" className="mb-3 text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Creating…" : submitLabel}
      </Button>
    </form>
  );
}
