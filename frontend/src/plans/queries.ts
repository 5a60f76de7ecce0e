import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const planKeys = {
  all: (spaceId: string) => ["plans", spaceId] as const,
  list: (spaceId: string, when: "upcoming" | "past", limit: number) => ["plans", spaceId, when, limit] as const,
  one: (spaceId: string, planId: string) => ["plans", spaceId, "one", planId] as const,
  feed: (spaceId: string) => ["calendar-feed", spaceId] as const,
};

export const planQueries = {
  list: (spaceId: string, when: "upcoming" | "past", limit: number) =>
    queryOptions({
      queryKey: planKeys.list(spaceId, when, limit),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/plans", {
            params: { path: { space_id: spaceId }, query: { when, limit } },
          }),
        ).then((page) => page.items),
      enabled: spaceId !== "",
    }),
  one: (spaceId: string, planId: string) =>
    queryOptions({
      queryKey: planKeys.one(spaceId, planId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/plans/{plan_id}", { params: { path: { space_id: spaceId, plan_id: planId } } })),
    }),
  feed: (spaceId: string) =>
    queryOptions({
      queryKey: planKeys.feed(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/calendar-feed", { params: { path: { space_id: spaceId } } })),
    }),
};

export async function refreshPlans(queryClient: QueryClient, spaceId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: planKeys.all(spaceId) });
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
