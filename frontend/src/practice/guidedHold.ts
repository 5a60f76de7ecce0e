/** Where a guided session keeps its running hold (this tab only), so it survives a reload. */
export const GUIDED_HOLD_KEY = "tandem.guided-hold";

/** Forget the running hold: called on logout, so the next person on this tab does not inherit it. */
export function clearGuidedHold(): void {
  try {
    sessionStorage.removeItem(GUIDED_HOLD_KEY);
  } catch {
    // Storage may be refused (private browsing); then nothing was kept.
  }
}
