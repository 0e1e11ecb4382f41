import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";

// Remote images are loaded only when the user chose them: an image URL in an imported or replayed input, or in a
// model's markdown, would otherwise tell a third party that this tree was opened (and from where). The user chooses
// an image by attaching it in this tab or by pressing "Load remote image"; the choice lasts for the tab, for that URL.

const chosen = createStore<{ urls: ReadonlySet<string> }>()(() => ({ urls: new Set<string>() }));

/** Whether loading this image URL would reach another server (anything but data: and blob: URLs). */
export function isRemoteImageUrl(url: string): boolean {
  return !/^(data|blob):/i.test(url.trim());
}

/** The host an image URL would be fetched from, as the placeholder names it. */
export function imageHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.slice(0, 60);
  }
}

/** Let this tab load these image URLs (the user attached them, or asked to see them). */
export function allowRemoteImages(urls: readonly string[]): void {
  const remote = urls.filter(isRemoteImageUrl);
  if (remote.length === 0) return;
  chosen.setState((s) => ({ urls: new Set([...s.urls, ...remote]) }));
}

/** Whether an image may be shown now: a local one always, a remote one once the user chose it. */
export function useImageAllowed(url: string): boolean {
  return useStore(chosen, (s) => !isRemoteImageUrl(url) || s.urls.has(url));
}
