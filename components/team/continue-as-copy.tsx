"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, readThroughLink } from "@/lib/client/api";
import { useCanWrite, useMe } from "@/lib/client/queries";
import { Button } from "@/components/ui/button";

/** Under a read-only link's graph: a member copies what it shows into a tree of their own and forks on. */
export function ContinueAsCopy({ token }: { token: string }) {
  const me = useMe();
  const canWrite = useCanWrite();
  const router = useRouter();
  const copy = useMutation({
    mutationFn: () => api.copyShare(token),
    onSuccess: ({ tree }) => {
      readThroughLink(null);
      router.push(`/t/${tree.id}`);
    },
  });
  return (
    <div data-testid="continue-as-copy" className="flex shrink-0 items-center gap-3 border-t border-zinc-200 px-4 py-3 text-[13px] text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <span className="min-w-0 flex-1">A read-only link: you can read every node here, but not change it.</span>
      {copy.error ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {copy.error.message}
        </span>
      ) : null}
      {canWrite ? (
        <Button variant="primary" disabled={copy.isPending} onClick={() => copy.mutate()}>
          {copy.isPending ? "Copying…" : "Continue as a copy"}
        </Button>
      ) : me.isPending ? null : me.data ? (
        <span>Viewers cannot make copies.</span>
      ) : (
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in to continue as a copy
        </Link>
      )}
    </div>
  );
}
