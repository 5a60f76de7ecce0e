/**
 * What Tandem keeps on this device beyond the page's memory: the outbox of writes not sent yet
 * (IndexedDB) and the service worker's few cached API answers ("tandem-api"). Both are deleted
 * together at logout, quick exit, app lock and when the session ends. The app's own files stay
 * cached: they hold nothing personal.
 */
import { clearOutbox } from "./outbox";

export const API_CACHE = "tandem-api";

export async function clearDeviceData(): Promise<void> {
  await Promise.allSettled([
    clearOutbox(),
    typeof caches === "undefined" ? Promise.resolve(true) : caches.delete(API_CACHE),
  ]);
}
