import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * The current time, refreshed every `intervalMs` and at once whenever the page becomes visible
 * again. Timers built on it compare wall-clock timestamps, so they stay correct while the tab sits
 * in the background or the phone sleeps (browsers slow or pause intervals then, never the clock).
 */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const tick = () => setNow(Date.now());
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener("visibilitychange", tick);
    window.addEventListener("focus", tick);
    window.addEventListener("pageshow", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
      window.removeEventListener("focus", tick);
      window.removeEventListener("pageshow", tick);
    };
  }, [intervalMs, active]);
  return now;
}

/**
 * How fast guided-session time runs: 1 normally. `?time_scale=0.01` makes a minute last 0.6 s, so
 * the end-to-end test can run a whole session in seconds. Values outside (0, 1] are ignored.
 */
export function useTimeScale(): number {
  const [params] = useSearchParams();
  const raw = Number(params.get("time_scale"));
  return Number.isFinite(raw) && raw > 0 && raw <= 1 ? raw : 1;
}

export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}
