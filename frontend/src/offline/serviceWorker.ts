import { registerSW } from "virtual:pwa-register";

/** Install the service worker (built by vite-plugin-pwa) so the app opens without a connection. */
export function installServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  registerSW({ immediate: true });
}
