"use client";

import { setTheme, useTheme } from "@/lib/client/theme";
import { IconButton } from "./button";
import { MoonIcon, SunIcon } from "./icons";

/** Switches light/dark; the choice is remembered in localStorage. */
export function ThemeToggle() {
  const theme = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <IconButton label={`Switch to ${next} theme`} onClick={() => setTheme(next)}>
      {theme === "dark" ? <SunIcon /> : <MoonIcon />}
    </IconButton>
  );
}
