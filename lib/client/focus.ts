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
