/** The inspector's active tab panel id, so the graph's Enter key can open it. */
export const INSPECTOR_PANEL_ID = "inspector-panel";

/** Move keyboard focus into the inspector's open panel. */
export function focusInspector(): void {
  document.getElementById(INSPECTOR_PANEL_ID)?.focus();
}
