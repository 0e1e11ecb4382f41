"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { formatRelative } from "@/lib/client/format";
import { Button, focusRing } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * With sign-in on, a program records through the proxy with an Arbor API token as its key: make one here (it is
 * shown once), see the ones you have, revoke any at once.
 */
export function ApiTokens() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: api.tokens });
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: (tokenName: string) => api.createToken(tokenName),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const revoke = useMutation({ mutationFn: api.deleteToken, onSettled: () => client.invalidateQueries({ queryKey: queryKeys.tokens }) });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() !== "") create.mutate(name.trim());
  }

  return (
    <section aria-labelledby="api-tokens-title" className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 id="api-tokens-title" className="text-[13px] font-semibold">
        Your API tokens
      </h3>
      <p className="text-[12px] text-zinc-500 dark:text-zinc-400">
        Sign-in is on: use one of your tokens as the client&apos;s API key. Its calls are recorded as yours, in this workspace.
      </p>
      <form onSubmit={onSubmit} className="flex items-center gap-2">
        <label htmlFor="api-token-name" className="sr-only">
          Token name
        </label>
        <input
          id="api-token-name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          placeholder="Where it is used, e.g. Codex on my laptop"
          className={`h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2.5 text-[13px] dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`}
        />
        <Button type="submit" disabled={name.trim() === "" || create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {create.error ? (
        <p role="alert" className="text-[12px] text-red-600 dark:text-red-400">
          Could not create the token: {create.error.message}
        </p>
      ) : null}
      {create.data?.token ? (
        <div role="status" className="flex flex-col gap-1.5 rounded-md bg-amber-50 p-2.5 text-[12px] text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          <span>Copy it now: it is not shown again.</span>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-token" className="min-w-0 flex-1 truncate font-mono">
              {create.data.token}
            </code>
            <CopyButton text={create.data.token} label="Copy token" />
          </div>
        </div>
      ) : null}
      {tokens.isPending ? (
        <p className="text-[12px] text-zinc-500 dark:text-zinc-400">Loading your tokens…</p>
      ) : tokens.error ? (
        <p role="alert" className="text-[12px] text-red-600 dark:text-red-400">
          Could not read your tokens: {tokens.error.message}
        </p>
      ) : tokens.data.length === 0 ? (
        <p className="text-[12px] text-zinc-500 dark:text-zinc-400">You have no tokens yet.</p>
      ) : (
        <ul aria-label="Your API tokens" className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
          {tokens.data.map((token) => (
            <li key={token.id} className="flex items-center gap-2 py-1.5 text-[12px]">
              <span className="min-w-0 flex-1 truncate font-medium">{token.name}</span>
              <code className="font-mono text-zinc-500 dark:text-zinc-400">{token.hint}</code>
              <span className="text-zinc-500 dark:text-zinc-400">{token.lastUsedAt ? `used ${formatRelative(token.lastUsedAt)}` : "never used"}</span>
              <Button size="sm" variant="ghost" aria-label={`Revoke ${token.name}`} disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
