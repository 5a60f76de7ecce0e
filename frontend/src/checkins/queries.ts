/** Keys and query options of check-ins and of checking in together. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const checkinKeys = {
  all: (spaceId: string) => ["checkins", spaceId] as const,
  history: (spaceId: string) => ["checkins", spaceId, "history"] as const,
  mood: (spaceId: string, days: number) => ["checkins", spaceId, "mood", days] as const,
  feelings: () => ["feelings"] as const,
};

export const togetherKeys = {
  all: (spaceId: string) => ["together", spaceId] as const,
  current: (spaceId: string) => ["together", spaceId, "current"] as const,
  round: (spaceId: string, roundId: string) => ["together", spaceId, roundId] as const,
};

export const checkinQueries = {
  mood: (spaceId: string, days: number) =>
    queryOptions({
      queryKey: checkinKeys.mood(spaceId, days),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/checkins/mood", {
            params: { path: { space_id: spaceId }, query: { days } },
          }),
        ),
    }),
  feelings: () =>
    queryOptions({
      queryKey: checkinKeys.feelings(),
      queryFn: () => call(api.GET("/api/v1/feelings")),
      staleTime: 60 * 60_000,
    }),
};

export const togetherQueries = {
  current: (spaceId: string) =>
    queryOptions({
      queryKey: togetherKeys.current(spaceId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/together/current", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
  round: (spaceId: string, roundId: string) =>
    queryOptions({
      queryKey: togetherKeys.round(spaceId, roundId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/together/{round_id}", {
            params: { path: { space_id: spaceId, round_id: roundId } },
          }),
        ),
      enabled: roundId !== "",
    }),
};
