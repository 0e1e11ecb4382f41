// The DOM ids one pane uses to hand keyboard focus to another (the graph's F and Enter keys, the composer's Edit):
// kept here, not in either pane, so no pane imports another.

/** The composer's textarea id. */
export const COMPOSER_INPUT_ID = "composer-input";

/** The inspector's active tab panel id. */
export const INSPECTOR_PANEL_ID = "inspector-panel";

/** Move keyboard focus to the composer's textarea. */
export function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus();
}

/** Move keyboard focus into the inspector's open panel. */
export function focusInspector(): void {
  document.getElementById(INSPECTOR_PANEL_ID)?.focus();
}

/** The sidebar's search box id (the `/` shortcut focuses it). */
export const SEARCH_INPUT_ID = "tree-search";

/** Move keyboard focus to the search box. */
export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/** The graph's focusable region id (the skip link and the thread view's "show in graph" lead there). */
export const GRAPH_REGION_ID = "graph";

/** What another pane may ask the composer to do for the selected node. */
export type ComposerCommand = "edit" | "regenerate";
const COMPOSER_COMMAND = "arbor:composer";

/** Ask the composer to edit or regenerate the selected node (the E and R keys, the thread view's buttons). */
export function requestComposer(command: ComposerCommand): void {
  window.dispatchEvent(new CustomEvent<ComposerCommand>(COMPOSER_COMMAND, { detail: command }));
}

/** Listen for composer commands; answers the function that stops listening. */
export function onComposerCommand(listener: (command: ComposerCommand) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<ComposerCommand>).detail);
  window.addEventListener(COMPOSER_COMMAND, handle);
  return () => window.removeEventListener(COMPOSER_COMMAND, handle);
}
