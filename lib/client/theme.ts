import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "@/lib/client/theme-script";

export type Theme = "light" | "dark";

const CHANGE_EVENT = "arbor-theme-change";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

function currentTheme(): Theme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

/** Switch the theme, remember it, and tell every `useTheme` reader. */
export function setTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Private windows may refuse storage; the theme still applies for this page.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The theme in effect (the `dark` class on <html>); "light" while rendering on the server. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => "light");
}
