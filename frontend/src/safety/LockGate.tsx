import { useQuery, useQueryClient } from "@tanstack/react-query";
import "./safety.css";
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { useMe } from "../app/auth";
import { clearDeviceData } from "../offline/deviceData";
import { markLocked, useLocked } from "./lockState";
import { onQuickExit } from "./quickExit";
import { safetyQueries } from "./queries";

// Loaded when the app locks (the service worker keeps it for offline use): its form library stays out
// of the first screen's script. Until it arrives the page shows an empty cover, never the app.
const LockScreen = lazy(() => import("./LockScreen").then((m) => ({ default: m.LockScreen })));

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"] as const;
const CHECK_EVERY_MS = 5_000;

/** Lock after the member's idle minutes without a touch, key or scroll (the server locks too). */
function useIdleLock(signedIn: boolean, locked: boolean): void {
  const lock = useQuery({ ...safetyQueries.appLock(), enabled: signedIn && !locked });
  const idleMinutes = lock.data?.set ? lock.data.idle_minutes : null;

  useEffect(() => {
    if (idleMinutes === null || locked) return;
    let lastActive = Date.now();
    const active = () => {
      lastActive = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActive < idleMinutes * 60_000) return;
      markLocked();
      void call(api.POST("/api/v1/me/app-lock/lock")).catch(() => undefined);
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active, { capture: true });
    };
  }, [idleMinutes, locked]);
}

/**
 * Everything of the app sits behind this gate. Locked, it shows only the lock screen and empties
 * the query cache, so nothing of the member stays in the page or in memory.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const locked = useLocked();
  const me = useMe();
  useIdleLock(Boolean(me.data), locked);

  // The outbox and the cached API answers go too (src/offline/deviceData.ts).
  useEffect(
    () =>
      onQuickExit(() => {
        queryClient.clear();
        void clearDeviceData();
      }),
    [queryClient],
  );

  useEffect(() => {
    if (!locked) return;
    queryClient.clear();
    void clearDeviceData();
  }, [locked, queryClient]);

  if (!locked) return children;
  return (
    <Suspense fallback={<main id="main" className="lock-screen" aria-busy="true" />}>
      <LockScreen />
    </Suspense>
  );
}
