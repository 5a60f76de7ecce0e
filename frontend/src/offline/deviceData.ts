/**
 * What Tandem keeps on this device beyond the page's memory: the outbox of writes not sent yet
 * (IndexedDB) and the service worker's few cached API answers ("tandem-api"). Both are deleted
 * together at logout, quick exit, app lock and when the session ends. The app's own files stay
 * cached: they hold nothing personal.
 */
import { clearOutbox } from "./outbox";

export const API_CACHE = "tandem-api";
// When the device's data was last deleted (a time, nothing personal). The service worker keeps no
// answer to a request sent before it (vite.config.ts), so a read in flight at logout is not stored
// after the deletion. Written before the cache is deleted, so the worker's re-check catches a late one.
const DEVICE_CACHE = "tandem-device";
const CLEARED_AT = "/device-data-cleared";

async function clearApiCache(): Promise<void> {
  if (typeof caches === "undefined") return;
  await (await caches.open(DEVICE_CACHE)).put(CLEARED_AT, new Response(String(Date.now())));
  await caches.delete(API_CACHE);
}

export async function clearDeviceData(): Promise<void> {
  await Promise.allSettled([clearOutbox(), clearApiCache()]);
}
