/**
 * Whether this browser's session is locked. The server decides (423 on every route but the
 * lock's own); any 423 the app receives locks the app, and only the lock screen is shown.
 */
import { useSyncExternalStore } from "react";
import type { Middleware } from "openapi-fetch";
import { api } from "../api/client";

let locked = false;
const listeners = new Set<() => void>();

function publish(next: boolean): void {
  if (locked === next) return;
  locked = next;
  for (const listener of listeners) listener();
}

export function markLocked(): void {
  publish(true);
}

export function markUnlocked(): void {
  publish(false);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocked(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => locked,
    () => false,
  );
}

const lockWatcher: Middleware = {
  onResponse({ response }) {
    if (response.status === 423) markLocked();
    return undefined;
  },
};

api.use(lockWatcher);
