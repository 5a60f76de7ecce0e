import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

/** Methods that change state; the backend wants the CSRF token on these. */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const CSRF_COOKIE = "csrftoken";
export const CSRF_HEADER = "x-csrftoken";

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

/**
 * The one API client. Same origin, cookies only (no tokens in storage).
 */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

const csrf: Middleware = {
  async onRequest({ request }) {
    if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    let token = readCookie(CSRF_COOKIE);
    if (token === null) {
      // The backend issues the CSRF cookie on safe requests and clears it at
      // login and logout. If it is missing, one GET brings it back (one that answers 200 signed out).
      await api.GET("/api/v1/auth/session");
      token = readCookie(CSRF_COOKIE);
    }
    if (token !== null) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

api.use(csrf);
