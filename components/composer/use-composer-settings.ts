"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Tree } from "@/lib/contracts/trees";
import type { ComposerSettings } from "@/lib/client/composer/settings";
import { fromTreeSettings, toTreeSettings } from "@/lib/client/composer/tree-settings";
import { validateSettings } from "@/lib/client/composer/validate";
import { useUpdateTree } from "@/lib/client/mutations";
import { useProviders } from "@/lib/client/queries";

/** How long the settings rest before they are saved to the tree. */
const SAVE_DELAY_MS = 600;

/** The hosted tools a provider runs (empty while providers load), and its label for the reasons shown. */
export function useHostedTools(providerId: string): { hostedTools: readonly string[]; providerLabel: string } {
  const providers = useProviders();
  const provider = providers.data?.find((p) => p.id === providerId);
  const hostedTools = provider?.capabilities.hostedTools;
  return useMemo(() => ({ hostedTools: hostedTools ?? [], providerLabel: provider?.label ?? providerId }), [hostedTools, provider?.label, providerId]);
}

/**
 * The composer's tools and parameters, remembered per tree: read from `tree.settings` (and `tree.instructions`),
 * saved with `PATCH /api/trees/:id` a moment after each change and at once when a node is sent.
 */
export function useComposerSettings(tree: Tree, hostedTools: readonly string[]) {
  const saving = useUpdateTree();
  const { mutateAsync: updateTree } = saving;
  const [state, setState] = useState(() => ({ treeId: tree.id, settings: fromTreeSettings(tree.settings, tree.instructions) }));
  const lastSaved = useRef({ treeId: tree.id, text: JSON.stringify(toTreeSettings(state.settings)) });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(state);

  // Another tree opened in the same explorer: start from what that tree remembers.
  if (state.treeId !== tree.id) {
    setState({ treeId: tree.id, settings: fromTreeSettings(tree.settings, tree.instructions) });
  }

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { treeId, settings } = latest.current;
    const body = toTreeSettings(settings);
    const text = JSON.stringify(body);
    if (treeId === lastSaved.current.treeId && text === lastSaved.current.text) return;
    try {
      await updateTree({ treeId, fields: body });
      lastSaved.current = { treeId, text };
    } catch {
      // The settings panel shows the mutation's error; the next change tries again.
    }
  }, [updateTree]);

  useEffect(() => {
    latest.current = state;
  }, [state]);

  // Leaving the tree (or the page) should not lose a change still waiting for its save.
  useEffect(
    () => () => {
      if (timer.current) void save();
    },
    [save],
  );

  const update = useCallback(
    (change: (settings: ComposerSettings) => ComposerSettings) => {
      setState((current) => {
        const next = { ...current, settings: change(current.settings) };
        latest.current = next;
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save],
  );

  const errors = useMemo(() => validateSettings(state.settings, hostedTools), [state.settings, hostedTools]);
  return { settings: state.settings, update, errors, saveNow: save, saveError: saving.error?.message ?? null };
}
