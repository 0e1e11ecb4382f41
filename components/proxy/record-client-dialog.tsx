"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { PROXY_CLIENTS, proxyBaseUrl, proxySnippets, type ProxyClient, type ProxySnippet } from "@/lib/client/proxy-snippets";
import { Button, focusRing } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useMe } from "@/lib/client/queries";
import { ApiTokens } from "./api-tokens";

const LANGUAGE_LABEL: Record<ProxySnippet["language"], string> = { ts: "TypeScript", python: "Python", toml: "config.toml" };

/** "Record a client" button and its modal: the recording proxy's base URL, and a snippet for each client. */
export function RecordClientButton({ className = "", variant = "ghost" }: { className?: string; variant?: "ghost" | "secondary" }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        className={className}
        title="Point an OpenAI client at Arbor and watch its calls become a graph"
        onClick={() => {
          setOpen(true);
          dialogRef.current?.showModal();
        }}
      >
        Record a client…
      </Button>
      <dialog
        ref={dialogRef}
        onClose={() => setOpen(false)}
        aria-labelledby="record-client-title"
        className="m-auto w-[min(44rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {open ? <RecordClientPanel onDone={() => dialogRef.current?.close()} /> : null}
      </dialog>
    </>
  );
}

function RecordClientPanel({ onDone }: { onDone: () => void }) {
  const baseURL = proxyBaseUrl(window.location.origin);
  const snippets = proxySnippets(baseURL);
  const [client, setClient] = useState<ProxyClient>("openai-node");
  const tabs = useRef<Partial<Record<ProxyClient, HTMLButtonElement | null>>>({});
  const snippet = snippets.find((s) => s.client === client) ?? snippets[0]!;
  const signInOn = useMe().data?.authEnabled === true;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = PROXY_CLIENTS.indexOf(client);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const jump = event.key === "Home" ? 0 : event.key === "End" ? PROXY_CLIENTS.length - 1 : null;
    if (step === 0 && jump === null) return;
    event.preventDefault();
    const next = PROXY_CLIENTS[jump ?? (at + step + PROXY_CLIENTS.length) % PROXY_CLIENTS.length]!;
    setClient(next);
    tabs.current[next]?.focus();
  }

  return (
    <div className="flex flex-col gap-4 p-5">
      <div>
        <h2 id="record-client-title" className="text-[15px] font-semibold">
          Record a client
        </h2>
        <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          Point any OpenAI client at this base URL. Each Responses call is answered by its provider unchanged and shows
          up here as a node, live, that you can fork like any other.{" "}
          {signInOn ? "Use an Arbor API token (below) as the API key" : "Any API key works while sign-in is off"}; the provider&apos;s key
          stays on this server.
        </p>
      </div>
      <div className="flex items-center gap-2">
        <code data-testid="proxy-base-url" className="min-w-0 flex-1 truncate rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1.5 font-mono text-[12px] dark:border-zinc-800 dark:bg-zinc-950">
          {baseURL}
        </code>
        <CopyButton text={baseURL} label="Copy base URL" />
      </div>
      <div>
        <div role="tablist" aria-label="Client" className="flex flex-wrap gap-x-3 border-b border-zinc-200 dark:border-zinc-800" onKeyDown={onKeyDown}>
          {snippets.map((s) => (
            <button
              key={s.client}
              ref={(element) => {
                tabs.current[s.client] = element;
              }}
              type="button"
              role="tab"
              id={`record-tab-${s.client}`}
              aria-selected={client === s.client}
              aria-controls="record-snippet"
              tabIndex={client === s.client ? 0 : -1}
              onClick={() => setClient(s.client)}
              className={`-mb-px border-b-2 pt-1 pb-2 text-[13px] font-medium transition-colors ${focusRing} ${
                client === s.client
                  ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50"
                  : "border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
              }`}
            >
              {s.label}
            </button>
          ))}
        </div>
        <div id="record-snippet" role="tabpanel" aria-labelledby={`record-tab-${client}`} className="mt-3">
          <div className="mb-1.5 flex items-center justify-between">
            <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{LANGUAGE_LABEL[snippet.language]}</span>
            <CopyButton text={snippet.code} label="Copy snippet" />
          </div>
          <pre
            tabIndex={0}
            aria-label={`${snippet.label} snippet`}
            className={`max-h-72 overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12px] leading-5 dark:border-zinc-800 dark:bg-zinc-950 ${focusRing}`}
          >
            {snippet.code}
          </pre>
        </div>
        <p className="mt-2 text-[12px] text-zinc-500 dark:text-zinc-400">
          A call lands in the tree named by an <code className="font-mono">X-Arbor-Tree</code> header, else in one tree
          per client session. Write the model as <code className="font-mono">provider/model</code> to choose the
          provider, or send <code className="font-mono">X-Arbor-Provider</code>.
        </p>
      </div>
      {signInOn ? <ApiTokens /> : null}
      <div className="flex justify-end">
        <Button onClick={onDone}>Close</Button>
      </div>
    </div>
  );
}
