"use client";

import { useId, useMemo, useState } from "react";
import { apiKeyEnvFor, codeSnippet, type SnippetBody, type SnippetLanguage } from "@/lib/responses/code-snippets";
import { useProviders } from "@/lib/client/queries";
import { Button, focusRing } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ChevronRightIcon } from "@/components/ui/icons";

const LANGUAGES: { id: SnippetLanguage; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "typescript", label: "TypeScript" },
];

/** The offline engine as a user on this machine reaches it: this app's own OpenAI-compatible route. */
const offlineBaseURL = () => `${window.location.origin}/api/offline/v1`;

/** "Copy as code": the node's request as curl, Python or TypeScript against its provider, with a preview. */
export function CopyAsCode({ body, providerId }: { body: SnippetBody; providerId: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <Button size="sm" variant="secondary" aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={() => setOpen(!open)}>
        <ChevronRightIcon width={12} height={12} className={open ? "rotate-90" : ""} />
        Copy as code
      </Button>
      {open ? <SnippetPanel id={panelId} body={body} providerId={providerId} /> : null}
    </>
  );
}

function SnippetPanel({ id, body, providerId }: { id: string; body: SnippetBody; providerId: string }) {
  const [language, setLanguage] = useState<SnippetLanguage>("curl");
  const providers = useProviders();
  const provider = providers.data?.find((p) => p.id === providerId);
  // An internal gateway's address stays on the server: the snippet says where to put it.
  const baseURL = providerId === "offline" ? offlineBaseURL() : provider ? (provider.baseURL ?? `<base URL of ${provider.label}>`) : undefined;
  const snippet = useMemo(
    () => (baseURL === undefined ? null : codeSnippet(language, body, { baseURL, apiKeyEnv: apiKeyEnvFor(providerId) })),
    [language, body, baseURL, providerId],
  );
  const chosen = LANGUAGES.find((l) => l.id === language)?.label ?? language;

  return (
    <section id={id} aria-label="Copy as code" className="order-last w-full space-y-2 rounded-lg border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex items-center gap-2">
        <div role="group" aria-label="Language" className="inline-flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-800">
          {LANGUAGES.map((l) => (
            <button
              key={l.id}
              type="button"
              aria-pressed={language === l.id}
              onClick={() => setLanguage(l.id)}
              className={`h-6 rounded px-2 text-xs font-medium ${focusRing} ${
                language === l.id
                  ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
              }`}
            >
              {l.label}
            </button>
          ))}
        </div>
        <div className="ml-auto">{snippet !== null ? <CopyButton text={snippet} label={`Copy ${chosen}`} /> : null}</div>
      </div>
      {snippet === null ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {providers.isPending ? "Loading the provider…" : `The provider “${providerId}” is not configured here, so its base URL is unknown.`}
        </p>
      ) : (
        <pre
          aria-label={`${chosen} snippet`}
          tabIndex={0}
          className={`max-h-40 overflow-auto rounded-md bg-zinc-900 p-2.5 font-mono text-[11px] leading-[1.5] whitespace-pre text-zinc-100 dark:bg-black/60 ${focusRing}`}
        >
          {snippet}
        </pre>
      )}
      <p className="text-[11px] text-zinc-500 dark:text-zinc-400">
        {apiKeyEnvFor(providerId) === null
          ? "No key needed offline; the SDKs get a placeholder."
          : `The key comes from $${apiKeyEnvFor(providerId)}, never from Arbor.`}
      </p>
    </section>
  );
}
