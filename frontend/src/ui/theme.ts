/**
 * Light or dark: the system's setting unless this device chose one (kept in localStorage, a device
 * preference like the quick-exit address, nothing personal). The stylesheet reads data-theme on <html>.
 */
import { useEffect, useState, useSyncExternalStore } from "react";

export type ThemeChoice = "system" | "light" | "dark";

const KEY = "theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";
/** The browser bar's colour for each theme (index.html has the light one). */
const BAR_COLOUR = { light: "#f6f1e7", dark: "#121817" } as const;

const listeners = new Set<() => void>();
let lowLight = false;

export function themeChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

function systemIsDark(): boolean {
  return typeof matchMedia === "function" && matchMedia(DARK_QUERY).matches;
}

function apply(): void {
  const choice = themeChoice();
  const dark = lowLight || choice === "dark" || (choice === "system" && systemIsDark());
  const root = document.documentElement;
  root.dataset.theme = dark ? "dark" : "light";
  if (lowLight) root.dataset.lowLight = "";
  else delete root.dataset.lowLight;
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", BAR_COLOUR[dark ? "dark" : "light"]);
  for (const listener of listeners) listener();
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused: the choice holds for this visit only.
  }
  apply();
}

/** The guided session's low light: dark and dimmer while it is on, whatever the theme. */
export function setLowLight(on: boolean): void {
  lowLight = on;
  apply();
}

let installed = false;

/** Before the first render, so the page never flashes the other theme. */
export function installTheme(): void {
  if (installed) return;
  installed = true;
  apply();
  if (typeof matchMedia === "function") matchMedia(DARK_QUERY).addEventListener("change", apply);
  // Another tab changed the choice.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) apply();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}

const LOW_LIGHT_KEY = "low-light";

function lowLightSaved(): boolean {
  try {
    return localStorage.getItem(LOW_LIGHT_KEY) === "1";
  } catch {
    return false;
  }
}

/** The guided session's "low light" switch, remembered on this device; off again when the page closes. */
export function useLowLight(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(lowLightSaved);
  useEffect(() => {
    setLowLight(on);
    return () => setLowLight(false);
  }, [on]);
  const change = (next: boolean) => {
    try {
      if (next) localStorage.setItem(LOW_LIGHT_KEY, "1");
      else localStorage.removeItem(LOW_LIGHT_KEY);
    } catch {
      // Kept for this visit only.
    }
    setOn(next);
  };
  return [on, change];
}
