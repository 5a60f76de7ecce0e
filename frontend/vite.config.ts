import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

// The backend serves the built app and the API from one origin.
// In development, Vite proxies /api to a backend started with `make run` (port 8000).
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: "autoUpdate",
      // The worker is registered from the app's own module (src/offline/serviceWorker.ts): no inline script.
      injectRegister: false,
      manifestFilename: "manifest.webmanifest",
      includeAssets: ["favicon.svg", "manifest-notes.webmanifest", "notes-192.png", "notes-512.png"],
      manifest: {
        id: "/",
        name: "Tandem",
        short_name: "Tandem",
        description: "A private shared space for two partners.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#f6f1e7",
        theme_color: "#f6f1e7",
        icons: [
          { src: "/tandem-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/tandem-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        // The API, its schema, the neutral quick-exit page and probes are never the app's page.
        navigateFallbackDenylist: [/^\/api\//, /^\/schema/, /^\/start/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // The API answers kept for opening the daily loop offline: who is signed in, the space,
            // the practice overview and the check-in form's lists. Nothing else of the API is cached
            // (journals, check-ins, conversations go to the network only). The page deletes this cache
            // at logout, quick exit, app lock and when the session ends (src/offline/deviceData.ts).
            // The pattern is written inside the function: the function's text is copied into the worker.
            urlPattern: ({ url, sameOrigin, request }) =>
              sameOrigin &&
              request.method === "GET" &&
              /^\/api\/v1\/(me|auth\/session|feelings|activities|spaces\/[^/]+(\/practice\/overview|\/boundaries)?)$/.test(url.pathname),
            handler: "NetworkFirst",
            options: {
              cacheName: "tandem-api",
              networkTimeoutSeconds: 5,
              expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
              // "Nobody signed in" (`/auth/session` answers 200 with user null) is never kept: after logout
              // the cache stays empty. Nor is an answer to a request sent before the page last deleted the
              // device's data (src/offline/deviceData.ts writes the time first): a read in flight at logout
              // would otherwise be stored after the deletion. The check runs again once the answer is
              // stored, so one stored just as the page deleted the cache goes too.
              plugins: [
                {
                  requestWillFetch: async ({ request, state }) => {
                    if (state) state.sentAt = Date.now();
                    return request;
                  },
                  cacheWillUpdate: async ({ response, state }) => {
                    const marker = await (await caches.open("tandem-device")).match("/device-data-cleared");
                    const clearedAt = marker ? Number(await marker.text()) : 0;
                    if (!state || typeof state.sentAt !== "number" || state.sentAt <= clearedAt) return null;
                    const body = await response.clone().text();
                    return body.includes('"user":null') ? null : response;
                  },
                  cacheDidUpdate: async ({ cacheName, request, state }) => {
                    const marker = await (await caches.open("tandem-device")).match("/device-data-cleared");
                    const clearedAt = marker ? Number(await marker.text()) : 0;
                    if (!state || typeof state.sentAt !== "number" || state.sentAt <= clearedAt) {
                      await (await caches.open(cacheName)).delete(request);
                    }
                  },
                },
              ],
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
    },
  },
});
