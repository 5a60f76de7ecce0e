import type { QueryClient } from "@tanstack/react-query";

export const plansKey = (spaceId: string) => ["plans", spaceId] as const;
export const planKey = (spaceId: string, planId: string) => ["plans", spaceId, "one", planId] as const;
export const feedKey = (spaceId: string) => ["calendar-feed", spaceId] as const;

export async function refreshPlans(queryClient: QueryClient, spaceId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: plansKey(spaceId) });
}

/** A datetime-local value ("2026-11-28T18:30") as an ISO instant, or null when empty. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The earliest value a datetime-local input should offer: now, in local time. */
export function localNow(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 16);
}
