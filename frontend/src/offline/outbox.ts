/**
 * Writes made without a connection (a practice entry, a check-in), kept in this browser's IndexedDB
 * until they are sent. Each keeps the Idempotency-Key it was first tried with, so sending it again
 * after a lost answer never makes a second row on the server. The outbox belongs to one signed-in
 * person and is deleted at logout, quick exit, app lock and when the session ends (deviceData.ts).
 */
import { clear, createStore, del, entries, set, type UseStore } from "idb-keyval";
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "../api/client";

export interface QueuedWrite {
  key: string;
  userId: string;
  method: string;
  url: string;
  body: string;
  savedAt: string;
}

let store: UseStore | null = null;
function outboxStore(): UseStore {
  store ??= createStore("tandem-outbox", "writes");
  return store;
}

/** What the notice shows: how many writes wait on this device, and a write the server refused. */
export interface OutboxState {
  waiting: number;
  refused: string | null;
}

let state: OutboxState = { waiting: 0, refused: null };
const listeners = new Set<() => void>();

function publish(next: OutboxState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outboxState(): OutboxState {
  return state;
}

async function all(): Promise<QueuedWrite[]> {
  const rows = await entries<string, QueuedWrite>(outboxStore());
  return rows.map(([, write]) => write).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Re-read the outbox for the notice (after a page load, or a change in another tab). */
export async function refreshOutbox(userId: string | null): Promise<void> {
  const writes = userId ? (await all()).filter((w) => w.userId === userId) : [];
  publish({ ...state, waiting: writes.length });
}

/** Keep a write for later; the same write pressed twice (same address and body) is kept once. */
export async function queueWrite(write: QueuedWrite): Promise<void> {
  const existing = await all();
  if (!existing.some((w) => w.userId === write.userId && w.url === write.url && w.body === write.body)) {
    await set(write.key, write, outboxStore());
  }
  await refreshOutbox(write.userId);
}

export async function clearOutbox(): Promise<void> {
  await clear(outboxStore());
  publish({ waiting: 0, refused: null });
}

async function csrfToken(): Promise<string | null> {
  let token = readCookie(CSRF_COOKIE);
  if (token === null) {
    await fetch("/api/v1/me", { credentials: "same-origin" });
    token = readCookie(CSRF_COOKIE);
  }
  return token;
}

// Answers after which trying again later may work: keep the write.
const TRY_AGAIN = new Set([401, 403, 408, 423, 425, 429]);

let flushing: Promise<number> | null = null;

/** Send what waits, oldest first, once each. Returns how many reached the server. */
export function flushOutbox(userId: string): Promise<number> {
  flushing ??= send(userId).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function send(userId: string): Promise<number> {
  let sent = 0;
  let refused: string | null = state.refused;
  for (const write of await all()) {
    // Another person's writes never go out under this session (they are deleted at logout anyway).
    if (write.userId !== userId) {
      await del(write.key, outboxStore());
      continue;
    }
    let response: Response;
    try {
      const token = await csrfToken();
      response = await fetch(write.url, {
        method: write.method,
        credentials: "same-origin",
        headers: {
          "content-type": "application/json",
          "idempotency-key": write.key,
          ...(token ? { [CSRF_HEADER]: token } : {}),
        },
        body: write.body,
      });
    } catch {
      break; // Still offline: try again when the connection is back.
    }
    if (response.ok) {
      sent += 1;
      await del(write.key, outboxStore());
    } else if (TRY_AGAIN.has(response.status) || response.status >= 500) {
      break;
    } else {
      // The server will never take this one (the space is gone, a field no longer fits): say so, drop it.
      refused = "One thing saved on this phone could not be sent, and was not kept.";
      await del(write.key, outboxStore());
    }
  }
  const remaining = (await all()).filter((w) => w.userId === userId).length;
  publish({ waiting: remaining, refused });
  return sent;
}

export function dismissRefused(): void {
  publish({ ...state, refused: null });
}
