/**
 * Discreet mode, per device (kept in this browser's localStorage, never sent to the server or the
 * partner): the tab shows a neutral title and icon of the member's choice instead of Tandem's, and the
 * web app manifest is the neutral "Notes" one (public/manifest-notes.webmanifest).
 */
const KEY = "discreet";

export const DISCREET_LOOKS = {
  notes: { title: "Notes", icon: "#f2c94c" },
  calendar: { title: "Calendar", icon: "#4a90d9" },
  reading: { title: "Reading list", icon: "#6fa86f" },
} as const;

export type DiscreetLook = keyof typeof DISCREET_LOOKS;

export function discreetLook(): DiscreetLook | null {
  try {
    const value = localStorage.getItem(KEY);
    return value !== null && value in DISCREET_LOOKS ? (value as DiscreetLook) : null;
  } catch {
    return null;
  }
}

function neutralIcon(colour: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="1" width="12" height="14" rx="2" fill="${colour}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

let ownIcon: string | null = null;
let applying = false;
// While printing in discreet mode: the dated neutral title the PDF's file name is taken from.
let printTitle: string | null = null;

function localDay(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A neutral, dated base name in discreet mode ("notes-2026-11-30"), else null. */
function neutralBaseName(day: Date): string | null {
  const look = discreetLook();
  if (look === null) return null;
  return `${DISCREET_LOOKS[look].title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${localDay(day)}`;
}

/** The name to save a download under: neutral in discreet mode ("notes-2026-11-30.json"), else `usual`. */
export function downloadName(usual: string, extension: string, day: Date = new Date()): string {
  const neutral = neutralBaseName(day);
  return neutral === null ? usual : `${neutral}.${extension}`;
}

/** Print the page; in discreet mode the saved PDF's suggested name is neutral too (browsers take the title). */
export function printDiscreetly(): void {
  printTitle = neutralBaseName(new Date());
  apply();
  try {
    window.print();
  } finally {
    printTitle = null;
    apply();
  }
}

/** Installed while discreet, the app is "Notes" with a plain icon on the home screen too. */
const OWN_MANIFEST = "/manifest.webmanifest";
const NEUTRAL_MANIFEST = "/manifest-notes.webmanifest";

function applyManifest(neutral: boolean): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  const href = neutral ? NEUTRAL_MANIFEST : OWN_MANIFEST;
  if (link && link.getAttribute("href") !== href) link.setAttribute("href", href);
}

function apply(): void {
  const look = discreetLook();
  const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (icon && ownIcon === null) ownIcon = icon.getAttribute("href");
  applyManifest(look !== null);
  if (look === null) {
    if (icon && ownIcon !== null && icon.getAttribute("href") !== ownIcon) icon.setAttribute("href", ownIcon);
    return;
  }
  const { icon: colour } = DISCREET_LOOKS[look];
  const title = printTitle ?? DISCREET_LOOKS[look].title;
  applying = true;
  if (document.title !== title) document.title = title;
  applying = false;
  const href = neutralIcon(colour);
  if (icon && icon.getAttribute("href") !== href) {
    icon.setAttribute("href", href);
    icon.setAttribute("type", "image/svg+xml");
  }
}

export function setDiscreetLook(look: DiscreetLook | null): void {
  try {
    if (look === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, look);
  } catch {
    // Storage refused: discreet mode cannot be kept on this device.
  }
  apply();
}

let installed = false;

/** Keep the tab neutral whatever a page sets as its title. */
export function installDiscreetMode(): void {
  if (installed) return;
  installed = true;
  apply();
  const observer = new MutationObserver(() => {
    if (!applying) apply();
  });
  observer.observe(document.head, { subtree: true, childList: true, characterData: true, attributes: true });
}
