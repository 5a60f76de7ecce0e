import { useLayoutEffect } from "react";
import { useLocation, useNavigationType } from "../router";

const storageKey = "tandem-scroll";

/** Where each visited page (by its history entry) was scrolled to, kept for this tab across reloads. */
function readPositions(): Map<string, number> {
  try {
    return new Map(JSON.parse(sessionStorage.getItem(storageKey) ?? "[]") as [string, number][]);
  } catch {
    return new Map();
  }
}

const positions = readPositions();
let currentKey: string | null = null;

function rememberPosition() {
  if (currentKey !== null) positions.set(currentKey, window.scrollY);
}

function elementForHash(hash: string): HTMLElement | null {
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}

/**
 * The browser's own scroll restoration does not know when a client-side page has rendered: going
 * back or forward returns to where that page was scrolled, a link to #id scrolls to it, and any
 * other navigation starts at the top.
 */
export function ScrollRestoration() {
  const location = useLocation();
  const navigationType = useNavigationType();

  useLayoutEffect(() => {
    window.history.scrollRestoration = "manual";
    const save = () => {
      rememberPosition();
      sessionStorage.setItem(storageKey, JSON.stringify([...positions]));
    };
    window.addEventListener("scroll", rememberPosition, { passive: true });
    window.addEventListener("pagehide", save);
    return () => {
      window.removeEventListener("scroll", rememberPosition);
      window.removeEventListener("pagehide", save);
      window.history.scrollRestoration = "auto";
    };
  }, []);

  useLayoutEffect(() => {
    currentKey = location.key;
    const saved = positions.get(location.key);
    if (navigationType === "POP" && saved !== undefined) {
      window.scrollTo(0, saved);
      return;
    }
    const target = location.hash ? elementForHash(location.hash) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [location, navigationType]);

  return null;
}
