/**
 * Every write the app sends carries an `Idempotency-Key` (a random UUID made here): if the answer is
 * lost and the write is sent again, the server answers with the first answer instead of making a
 * second row. A practice entry or a check-in made without a connection is kept in the outbox and
 * sent later with the same key; the form is told "saved on this phone, not sent yet".
 */
import type { Middleware } from "openapi-fetch";
import { problemOf } from "../api/problem";
import { queueWrite } from "./outbox";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The daily loop's new records, which may wait on the device. */
const KEEPABLE = [/^\/api\/v1\/spaces\/[^/]+\/practice\/entries$/, /^\/api\/v1\/spaces\/[^/]+\/checkins$/];

export const SAVED_ON_DEVICE = "Saved on this phone, not sent yet. It will be sent when you're back online.";
/** What the form says once its entry waits on the device: a confirmation, not an error. */
export const KEPT_ON_DEVICE = "Saved on this phone. It will be sent when you're back online.";
const SAVED_ON_DEVICE_TITLE = "Saved on this phone";

let signedInUser: string | null = null;

/** Who the outbox is for (set by the outbox notice from "who is signed in"). */
export function setOutboxUser(userId: string | null): void {
  signedInUser = userId;
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Outside a secure context randomUUID is missing; the same version 4 UUID from random bytes.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function keepable(request: Request): boolean {
  return request.method === "POST" && KEEPABLE.some((p) => p.test(new URL(request.url).pathname));
}

/** The answer a form gets when its write waits on the device (shown as the form's message). */
function savedOnDevice(): Response {
  const problem = { status: 503, title: SAVED_ON_DEVICE_TITLE, detail: SAVED_ON_DEVICE };
  return new Response(JSON.stringify(problem), {
    status: 503,
    headers: { "content-type": "application/problem+json", "x-tandem-saved-on-device": "1" },
  });
}

/** Whether a failed write was in fact kept in the outbox (the form then confirms, and starts afresh). */
export function isSavedOnDevice(error: unknown): boolean {
  const problem = problemOf(error);
  return problem !== null && problem.status === 503 && problem.title === SAVED_ON_DEVICE_TITLE;
}

const bodies = new Map<string, string>();

async function keep(request: Request, body: string): Promise<Response | undefined> {
  if (signedInUser === null) return undefined;
  const key = request.headers.get("idempotency-key") ?? newIdempotencyKey();
  const url = new URL(request.url);
  await queueWrite({
    key,
    userId: signedInUser,
    method: request.method,
    url: url.pathname + url.search,
    body,
    savedAt: new Date().toISOString(),
  });
  return savedOnDevice();
}

export const idempotentWrites: Middleware = {
  async onRequest({ request, id }) {
    if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    if (!request.headers.has("idempotency-key")) request.headers.set("idempotency-key", newIdempotencyKey());
    if (!keepable(request)) return request;
    const body = await request.clone().text();
    if (navigator.onLine === false) {
      const kept = await keep(request, body);
      if (kept) return kept;
    }
    bodies.set(id, body);
    return request;
  },
  onResponse({ id }) {
    bodies.delete(id);
    return undefined;
  },
  async onError({ request, id }) {
    // The request did not reach the server (connection lost on the way): keep it if it may wait.
    const body = bodies.get(id);
    bodies.delete(id);
    if (body === undefined || !keepable(request)) return undefined;
    return keep(request, body);
  },
};
