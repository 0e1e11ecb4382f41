"use client";

import { useState } from "react";
import { userMessageInput } from "@/lib/responses/input";
import { buildRequestFragment } from "@/lib/client/composer/fragment";
import { defaultSettings, type ComposerSettings } from "@/lib/client/composer/settings";
import { toTreeSettings } from "@/lib/client/composer/tree-settings";
import { validateSettings } from "@/lib/client/composer/validate";
import { useStartTree } from "@/lib/client/mutations";
import { useHydrated } from "@/lib/client/use-hydrated";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorBanner } from "@/components/ui/feedback";
import { BranchIcon, SendIcon } from "@/components/ui/icons";
import { MessageInput } from "@/components/composer/message-input";
import { ModelPicker, type ModelChoice } from "@/components/composer/model-picker";
import { SettingsControl } from "@/components/composer/settings-panel";
import { useHostedTools } from "@/components/composer/use-composer-settings";

/**
 * A new tree before its first message: nothing is saved until that message is sent (then the tree and its root are,
 * and the tree opens on it). The box has the focus; the tools and parameters set here go with that message and
 * become what the tree remembers.
 */
export function NewTree() {
  const [text, setText] = useState("");
  const [choice, setChoice] = useState<ModelChoice>({ providerId: "offline", model: "offline-assistant" });
  const [settings, setSettings] = useState<ComposerSettings>(defaultSettings);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { hostedTools, providerLabel } = useHostedTools(choice.providerId);
  const errors = validateSettings(settings, hostedTools);
  const firstProblem = Object.values(errors)[0];
  const start = useStartTree();
  const hydrated = useHydrated();
  const canSend = text.trim() !== "" && firstProblem === undefined && !start.isPending;

  const send = () => {
    const built = buildRequestFragment(settings, hostedTools);
    if (!canSend || !built.ok) return;
    start.mutate({ ...choice, input: userMessageInput(text, []), fragment: built.fragment, remembered: toTreeSettings(settings) });
  };

  return (
    <div className="flex h-full flex-col" data-testid="explorer" data-hydrated={hydrated ? "true" : undefined}>
      <header className="flex h-12 shrink-0 items-center border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h1 className="text-[14px] font-semibold tracking-tight">New tree</h1>
        <span className="ml-3 text-xs text-zinc-500 dark:text-zinc-400">saved when you send its first message</span>
      </header>
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex min-h-0 flex-1 items-center justify-center bg-zinc-50 dark:bg-zinc-950" data-testid="empty-tree">
            <EmptyState icon={<BranchIcon width={20} height={20} />} title="Type a message to start">
              Your first message becomes the root of this tree. Every answer can then be continued, edited or regenerated, and each choice grows a new branch.
            </EmptyState>
          </div>
          <section aria-label="Composer" className="@container relative border-t border-zinc-200 bg-white px-4 pt-2.5 pb-3 dark:border-zinc-800 dark:bg-zinc-950">
            <div className="mb-2 flex items-center gap-3">
              <p className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400" id="composer-target" data-testid="composer-target">
                <span className="font-medium text-zinc-700 dark:text-zinc-300">New root</span> starts the tree
              </p>
              <SettingsControl
                open={settingsOpen}
                onOpenChange={setSettingsOpen}
                settings={settings}
                update={setSettings}
                errors={errors}
                hostedTools={hostedTools}
                providerId={choice.providerId}
                providerLabel={providerLabel}
                saveError={null}
              />
            </div>
            {start.error ? (
              <div className="mb-2">
                <ErrorBanner title="Could not start the tree" message={start.error.message} />
              </div>
            ) : null}
            <div className="rounded-lg border border-zinc-200 bg-white shadow-xs focus-within:border-indigo-400 focus-within:ring-3 focus-within:ring-indigo-500/15 dark:border-zinc-800 dark:bg-zinc-900">
              <MessageInput text={text} onText={setText} images={[]} onImages={() => undefined} onImageError={() => undefined} onSend={send} autoFocus placeholder="Type a message to start" />
              <div className="flex items-center gap-2 px-2 pt-1 pb-2">
                <ModelPicker value={choice} onChange={setChoice} />
                <span id="composer-hint" className={`truncate text-[11px] ${firstProblem ? "text-red-600 dark:text-red-400" : "text-zinc-400 dark:text-zinc-500"}`}>
                  {firstProblem ? `Fix the tools and settings first: ${firstProblem}` : "Enter to send · the tree keeps these tools and settings"}
                </span>
                <Button size="sm" variant="primary" className="ml-auto" onClick={send} disabled={!canSend}>
                  <SendIcon /> Send
                </Button>
              </div>
            </div>
          </section>
        </div>
        <aside aria-label="Inspector" className="flex w-[400px] shrink-0 items-center justify-center border-l border-zinc-200 bg-white max-lg:hidden dark:border-zinc-800 dark:bg-zinc-950">
          <EmptyState icon={<BranchIcon width={18} height={18} />} title="No node selected">
            Send a first message below; its answer will show here.
          </EmptyState>
        </aside>
      </div>
    </div>
  );
}
