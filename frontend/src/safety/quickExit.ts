/**
 * Quick exit: cover the page, drop what the app holds in memory, end access from this browser on
 * the server, and replace the current history entry with a neutral address.
 *
 * The control itself is a plain link in index.html (first in the keyboard order, before the app has
 * loaded: without script it still leaves for the neutral page). This module upgrades it and adds
 * the keyboard gesture: Escape twice within a second.
 */
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "../api/client";

export const NEUTRAL_PAGE = "/start";
/** Where this device's quick exit goes (the member's own choice, kept on the device to work at once). */
const DESTINATION_KEY = "qx";
/** Set while this device's last quick exit may not have reached the server (see finishPendingExit). */
const EXIT_PENDING_KEY = "qx-pending";
const DOUBLE_ESCAPE_MS = 1000;

const cleanups = new Set<() => void>();
let leaving = false;

/** Something to forget on quick exit (the query cache, a draft in memory). Returns the undo. */
export function onQuickExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function savedDestination(): string | null {
  try {
    return localStorage.getItem(DESTINATION_KEY);
  } catch {
    return null;
  }
}

export function saveDestination(url: string | null): void {
  try {
    if (url) localStorage.setItem(DESTINATION_KEY, url);
    else localStorage.removeItem(DESTINATION_KEY);
  } catch {
    // Storage refused: quick exit then goes to the neutral page.
  }
}

function askServerToEndAccess(): Promise<Response> {
  const token = readCookie(CSRF_COOKIE);
  const headers: Record<string, string> = token ? { [CSRF_HEADER]: token } : {};
  // keepalive: the request outlives this page, which is being replaced right now.
  return fetch("/api/v1/me/quick-exit", { method: "POST", credentials: "same-origin", keepalive: true, headers });
}

function endAccessOnServer(): void {
  try {
    // The server's answer clears this device's storage (Clear-Site-Data), the mark with it; until
    // then the next load of the app asks again before showing anything.
    localStorage.setItem(EXIT_PENDING_KEY, "1");
  } catch {
    // Storage refused: the request below is all there is.
  }
  void askServerToEndAccess().catch(() => undefined);
}

/**
 * A quick exit whose call to the server may not have arrived (the page was gone first, the server
 * was slow): made again before the app shows anything, so Back after a quick exit never opens what it
 * was meant to hide. Offline, the mark stays for the next load.
 */
export async function finishPendingExit(): Promise<void> {
  try {
    if (localStorage.getItem(EXIT_PENDING_KEY) === null) return;
  } catch {
    return;
  }
  try {
    const response = await askServerToEndAccess();
    // Ended, locked or kept (the member's choice), or already over: the exit is complete.
    if (response.ok || response.status === 401 || response.status === 423) localStorage.removeItem(EXIT_PENDING_KEY);
  } catch {
    // Offline: nothing of the member is left on the device to show (it was cleared at the exit).
  }
}

interface ExitOptions {
  /** Where to go (the decoy PIN's answer names it); else the saved choice or the neutral page. */
  destination?: string | null;
  /** False when the session is already over (a decoy PIN). */
  tellServer?: boolean;
}

export function quickExit({ destination, tellServer = true }: ExitOptions = {}): void {
  if (leaving) return;
  leaving = true;
  // Cover at once: nothing of the page stays on screen, whatever happens next.
  document.title = "";
  document.body.replaceChildren();
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Leaving matters more than tidying up.
    }
  }
  try {
    sessionStorage.clear();
  } catch {
    // Nothing kept there, then.
  }
  if (tellServer) endAccessOnServer();
  window.location.replace(destination ?? savedDestination() ?? NEUTRAL_PAGE);
}

let lastEscape = 0;

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== "Escape" || event.repeat) return;
  const now = Date.now();
  if (now - lastEscape <= DOUBLE_ESCAPE_MS) {
    event.preventDefault();
    quickExit();
    return;
  }
  lastEscape = now;
}

function onControl(event: MouseEvent): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  quickExit();
}

/** A page restored from the back/forward cache shows what it showed before: load it afresh instead. */
function onPageShow(event: PageTransitionEvent): void {
  if (event.persisted) window.location.reload();
}

let installed = false;

export function installQuickExit(): void {
  if (installed) return;
  installed = true;
  window.addEventListener("keydown", onKeyDown, { capture: true });
  window.addEventListener("pageshow", onPageShow);
  const control = document.getElementById("quick-exit");
  if (control instanceof HTMLAnchorElement) {
    control.addEventListener("click", onControl);
    const saved = savedDestination();
    if (saved) control.href = saved;
  }
}
