/**
 * An invitation token waiting for the person to log in or sign up.
 * It lives in sessionStorage (this tab only) and never in a URL query,
 * so it never reaches server logs or other tabs.
 */
const KEY = "tandem.pendingInvitation";

export function savePendingInvitation(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage may be disabled; the join page then asks for the link again.
  }
}

export function pendingInvitation(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function clearPendingInvitation(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
