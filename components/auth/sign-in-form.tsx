"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/client/auth";
import { AuthField } from "./auth-card";

/** Email and password sign-in; on success the browser goes to the tree list. */
export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
    setPending(false);
    if (failed) return setError(failed.message ?? "Sign-in failed.");
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate={false}>
      <AuthField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <AuthField label="Password" name="password" type="password" autoComplete="current-password" required minLength={8} />
      {error ? (
        <p role="alert" className="mb-3 text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
