"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { useMe, useProviders } from "@/lib/client/queries";
import type { Budget, Invite, WorkspaceRole } from "@/lib/contracts/team";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorBanner, Skeleton } from "@/components/ui/feedback";

const input = "h-8 rounded-md border border-zinc-300 bg-white px-2 text-[13px] dark:border-zinc-700 dark:bg-zinc-950";

/** The owner's page: members and invites, budgets, provider keys, usage. */
export function TeamSettings({ workspaceName }: { workspaceName: string }) {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-4xl flex-col gap-6 px-6 py-6">
        <header>
          <h1 className="text-[17px] font-semibold tracking-tight">{workspaceName}</h1>
          <p className="text-[13px] text-zinc-500 dark:text-zinc-400">Members, budgets, provider keys and usage of this workspace.</p>
        </header>
        <MembersSection />
        <BudgetsSection />
        <KeysSection />
        <UsageSection />
      </div>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={id} className="mb-3 text-[14px] font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function MembersSection() {
  const client = useQueryClient();
  const me = useMe();
  const members = useQuery({ queryKey: ["members"], queryFn: api.members });
  const setRole = useMutation({ mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) => api.setMemberRole(userId, role), onSettled: () => client.invalidateQueries({ queryKey: ["members"] }) });
  const [role, setInviteRole] = useState<"member" | "viewer">("member");
  const [invite, setInvite] = useState<Invite | null>(null);
  const create = useMutation({ mutationFn: () => api.createInvite(role), onSuccess: setInvite });
  const roleId = useId();
  return (
    <Section id="members-title" title="Members">
      {members.isPending ? <Skeleton className="h-16" /> : members.isError ? <ErrorBanner title="Could not list the members" message={members.error.message} /> : null}
      {members.data ? (
        <ul className="mb-4 divide-y divide-zinc-100 text-[13px] dark:divide-zinc-800" data-testid="member-list">
          {members.data.map((m) => (
            <li key={m.userId} className="flex items-center gap-3 py-1.5">
              <span className="min-w-0 flex-1 truncate">
                {m.name} <span className="text-zinc-500 dark:text-zinc-400">{m.email}</span>
              </span>
              <select
                aria-label={`Role of ${m.name}`}
                value={m.role}
                disabled={m.userId === me.data?.userId || setRole.isPending}
                onChange={(event) => setRole.mutate({ userId: m.userId, role: event.target.value as WorkspaceRole })}
                className={input}
              >
                <option value="owner">owner</option>
                <option value="member">member</option>
                <option value="viewer">viewer</option>
              </select>
            </li>
          ))}
        </ul>
      ) : null}
      {setRole.error ? <ErrorBanner title="Could not change the role" message={setRole.error.message} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={roleId} className="text-[13px] text-zinc-600 dark:text-zinc-400">
          Invite someone as
        </label>
        <select id={roleId} value={role} onChange={(event) => setInviteRole(event.target.value as "member" | "viewer")} className={input}>
          <option value="member">member (creates and forks)</option>
          <option value="viewer">viewer (reads)</option>
        </select>
        <Button variant="primary" onClick={() => create.mutate()} disabled={create.isPending}>
          Create invite link
        </Button>
      </div>
      {create.error ? <ErrorBanner title="Could not create the invite" message={create.error.message} /> : null}
      {invite?.url ? (
        <div className="mt-3 flex items-center gap-2 text-[12.5px]">
          <input readOnly aria-label="Invite link" data-testid="invite-url" value={invite.url} className={`${input} min-w-0 flex-1 font-mono`} />
          <CopyButton text={invite.url} />
          <span className="text-zinc-500 dark:text-zinc-400">works once, until {new Date(invite.expiresAt).toLocaleDateString()}</span>
        </div>
      ) : null}
    </Section>
  );
}

function BudgetsSection() {
  const client = useQueryClient();
  const members = useQuery({ queryKey: ["members"], queryFn: api.members });
  const budgets = useQuery({ queryKey: ["budgets"], queryFn: api.budgets });
  const save = useMutation({ mutationFn: api.putBudget, onSuccess: (list) => client.setQueryData(["budgets"], list) });
  const nameOf = (subject: string) => (subject === "*" ? "Whole workspace" : (members.data?.find((m) => m.userId === subject)?.name ?? subject));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => (String(form.get(name) ?? "").trim() === "" ? null : Number(form.get(name)));
    save.mutate({ subject: String(form.get("subject")), period: form.get("period") === "month" ? "month" : "day", maxCostUsd: number("cost"), maxTokens: number("tokens") });
  }

  return (
    <Section id="budgets-title" title="Budgets">
      <p className="mb-3 text-[13px] text-zinc-500 dark:text-zinc-400">
        Checked before each call: once a budget is spent, new nodes are refused until the day or month ends (UTC). Leave both limits empty to remove a budget.
      </p>
      <form onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2 text-[13px]">
        <Field label="For">
          <select name="subject" className={input}>
            <option value="*">Whole workspace</option>
            {members.data?.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Per">
          <select name="period" className={input}>
            <option value="day">day</option>
            <option value="month">month</option>
          </select>
        </Field>
        <Field label="Max cost (USD)">
          <input name="cost" type="number" min="0" step="0.01" className={`${input} w-28`} />
        </Field>
        <Field label="Max tokens">
          <input name="tokens" type="number" min="0" step="1" className={`${input} w-32`} />
        </Field>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          Save budget
        </Button>
      </form>
      {save.error ? <ErrorBanner title="Could not save the budget" message={save.error.message} /> : null}
      {budgets.data && budgets.data.length > 0 ? (
        <table className="w-full text-left text-[12.5px]" data-testid="budget-list">
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 font-medium">For</th>
              <th className="font-medium">Per</th>
              <th className="font-medium">Cost</th>
              <th className="font-medium">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {budgets.data.map((b: Budget) => (
              <tr key={`${b.subject}-${b.period}`} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1">{nameOf(b.subject)}</td>
                <td>{b.period}</td>
                <td className="tabular-nums">{b.maxCostUsd === null ? "—" : `$${b.spent.costUsd.toFixed(4)} of $${b.maxCostUsd}`}</td>
                <td className="tabular-nums">{b.maxTokens === null ? "—" : `${b.spent.tokens} of ${b.maxTokens}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : budgets.data ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">No budgets: spending is not limited.</p>
      ) : null}
    </Section>
  );
}

function KeysSection() {
  const client = useQueryClient();
  const providers = useProviders();
  const keys = useQuery({ queryKey: ["provider-keys"], queryFn: api.providerKeys });
  const keyed = (providers.data ?? []).filter((p) => p.id !== "offline");
  const [providerId, setProviderId] = useState<string>("");
  const [apiKey, setApiKey] = useState("");
  const save = useMutation({
    mutationFn: () => api.putProviderKey(providerId || keyed[0]!.id, apiKey),
    onSuccess: (list) => {
      setApiKey("");
      client.setQueryData(["provider-keys"], list);
    },
  });
  const remove = useMutation({ mutationFn: api.deleteProviderKey, onSuccess: (list) => client.setQueryData(["provider-keys"], list) });
  return (
    <Section id="keys-title" title="Provider keys">
      <p className="mb-3 text-[13px] text-zinc-500 dark:text-zinc-400">
        The workspace&apos;s own keys, used instead of the server&apos;s. They are stored encrypted and never shown again, to anyone.
      </p>
      {keyed.length === 0 ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">No provider that takes a key is configured (only the offline engine).</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
          className="mb-3 flex flex-wrap items-end gap-2 text-[13px]"
        >
          <Field label="Provider">
            <select value={providerId || keyed[0]!.id} onChange={(event) => setProviderId(event.target.value)} className={input}>
              {keyed.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="API key">
            <input type="password" autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} className={`${input} w-72 font-mono`} />
          </Field>
          <Button type="submit" variant="primary" disabled={save.isPending || apiKey.trim().length < 8}>
            Save key
          </Button>
        </form>
      )}
      {save.error ? <ErrorBanner title="Could not save the key" message={save.error.message} /> : null}
      {keys.data?.length ? (
        <ul className="text-[13px]">
          {keys.data.map((k) => (
            <li key={k.providerId} className="flex items-center gap-3 py-1">
              <span className="flex-1">
                {k.providerId} <span className="text-zinc-500 dark:text-zinc-400">· set {new Date(k.updatedAt).toLocaleString()}</span>
              </span>
              <Button size="sm" variant="danger" onClick={() => remove.mutate(k.providerId)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function UsageSection() {
  const usage = useQuery({ queryKey: ["usage"], queryFn: () => api.usage(30) });
  return (
    <Section id="usage-title" title="Usage, last 30 days">
      {usage.isPending ? (
        <Skeleton className="h-16" />
      ) : usage.isError ? (
        <ErrorBanner title="Could not read the usage" message={usage.error.message} />
      ) : usage.data.length === 0 ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">Nothing spent yet.</p>
      ) : (
        <table className="w-full text-left text-[12.5px]" data-testid="usage-table">
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 font-medium">Day</th>
              <th className="font-medium">Who</th>
              <th className="font-medium">Model</th>
              <th className="font-medium">Tree</th>
              <th className="text-right font-medium">Nodes</th>
              <th className="text-right font-medium">Tokens</th>
              <th className="text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody>
            {usage.data.map((row) => (
              <tr key={`${row.day}-${row.userId}-${row.model}-${row.treeId}`} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1 tabular-nums">{row.day}</td>
                <td>{row.userName ?? "—"}</td>
                <td className="font-mono">{row.model}</td>
                <td className="max-w-48 truncate">{row.treeTitle}</td>
                <td className="text-right tabular-nums">{row.nodes}</td>
                <td className="text-right tabular-nums">{row.tokens}</td>
                <td className="text-right tabular-nums">${row.costUsd.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</span>
      {children}
    </label>
  );
}
