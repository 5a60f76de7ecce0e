import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The backend serves the built app and the API from one origin.
// In development, Vite proxies /api to a backend started with `make run` (port 8000).
export default defineConfig({
  plugins: [react()],
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
