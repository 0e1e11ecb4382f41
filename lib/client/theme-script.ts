/** Where the chosen theme is remembered. */
export const THEME_STORAGE_KEY = "arbor-theme";

/**
 * Runs in <head> before the first paint, so a remembered dark theme never flashes light.
 * Falls back to the system preference when nothing is remembered.
 */
export const themeBootScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches)){document.documentElement.classList.add("dark")}}catch(e){}})();`;
