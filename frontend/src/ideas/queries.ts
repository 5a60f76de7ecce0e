/** Keys and query options of the idea library, the rating queue and matches. */
import { infiniteQueryOptions, keepPreviousData, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import type { operations } from "../api/schema";

/** The library's filters, as the list's query string takes them (without the cursor). */
export type IdeaFilters = Omit<NonNullable<operations["listIdeas"]["parameters"]["query"]>, "cursor">;

export const ideaKeys = {
  list: (spaceId: string) => ["ideas", spaceId] as const,
  matches: (spaceId: string) => ["matches", spaceId] as const,
  queue: (spaceId: string) => ["idea-queue", spaceId] as const,
  one: (spaceId: string, ideaId: string) => ["idea", spaceId, ideaId] as const,
  anyOne: (spaceId: string) => ["idea", spaceId] as const,
  activities: () => ["activities"] as const,
};

export const ideaQueries = {
  /** The library, a page at a time (keyset cursor); the last page stays shown while new filters load. */
  list: (spaceId: string, filters: IdeaFilters) =>
    infiniteQueryOptions({
      queryKey: [...ideaKeys.list(spaceId), filters] as const,
      initialPageParam: null as string | null,
      queryFn: ({ pageParam }) =>
        call(
          api.GET("/api/v1/spaces/{space_id}/ideas", {
            params: { path: { space_id: spaceId }, query: { ...filters, cursor: pageParam ?? undefined } },
          }),
        ),
      getNextPageParam: (last) => last.next_cursor,
      placeholderData: keepPreviousData,
    }),
  matches: (spaceId: string) =>
    queryOptions({
      queryKey: ideaKeys.matches(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/matches", { params: { path: { space_id: spaceId } } })),
    }),
  queue: (spaceId: string, limit: number) =>
    queryOptions({
      queryKey: ideaKeys.queue(spaceId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/idea-queue", {
            params: { path: { space_id: spaceId }, query: { limit } },
          }),
        ),
    }),
  one: (spaceId: string, ideaId: string) =>
    queryOptions({
      queryKey: ideaKeys.one(spaceId, ideaId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/ideas/{idea_id}", {
            params: { path: { space_id: spaceId, idea_id: ideaId } },
          }),
        ),
    }),
  activities: () =>
    queryOptions({
      queryKey: ideaKeys.activities(),
      queryFn: () => call(api.GET("/api/v1/activities")),
      staleTime: 5 * 60_000,
    }),
};

/** A rating or a new idea changes lists, the queue and matches: refetch them all. */
export async function refreshIdeas(queryClient: QueryClient, spaceId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ideaKeys.list(spaceId) }),
    queryClient.invalidateQueries({ queryKey: ideaKeys.matches(spaceId) }),
    queryClient.invalidateQueries({ queryKey: ideaKeys.queue(spaceId) }),
    queryClient.invalidateQueries({ queryKey: ideaKeys.anyOne(spaceId) }),
  ]);
}
