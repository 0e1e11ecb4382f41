"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/client/auth";
import { initialsOf } from "@/lib/client/people";
import { useMe } from "@/lib/client/queries";
import { focusRing } from "@/components/ui/button";

/** Who is signed in, with links to the team page (owners) and to sign out; nothing on a laptop without sign-in. */
export function AccountMenu() {
  const me = useMe();
  const router = useRouter();
  if (!me.data) return null;
  const { name, role, authEnabled } = me.data;
  return (
    <div data-testid="account-menu" className="flex items-center gap-2 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      {authEnabled ? (
        <>
          <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[10px] font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            {initialsOf(name)}
          </span>
          <span className="min-w-0 flex-1 truncate" title={`${name} (${role})`}>
            {name} <span className="text-zinc-400 dark:text-zinc-500">· {role}</span>
          </span>
        </>
      ) : (
        <span className="min-w-0 flex-1">Local owner</span>
      )}
      {role === "owner" ? (
        <Link href="/team" className={`rounded px-1 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}>
          Team
        </Link>
      ) : null}
      {authEnabled ? (
        <button
          type="button"
          className={`rounded px-1 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}
          onClick={() => void authClient.signOut().then(() => router.replace("/sign-in"))}
        >
          Sign out
        </button>
      ) : null}
    </div>
  );
}
