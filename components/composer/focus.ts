/** The composer's textarea id, so the graph's F key and other panes can focus it. */
export const COMPOSER_INPUT_ID = "composer-input";

/** Move keyboard focus to the composer's textarea. */
export function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus();
}
