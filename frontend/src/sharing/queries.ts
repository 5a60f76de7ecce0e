/** Keys and query options of "What I share now". */
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import { checkinKeys, togetherKeys } from "../checkins/queries";
import { planKeys } from "../plans/queries";
import { practiceKeys, summaryKeys } from "../practice/queries";
import { conversationKeys } from "../prompts/queries";
import { boundaryKeys } from "../boundaries/queries";

export type SharedItem = components["schemas"]["SharedItem"];
export type SharedGroup = components["schemas"]["SharedGroup"];

export const sharingKeys = {
  all: (spaceId: string) => ["shared-by-me", spaceId] as const,
};

export const sharingQueries = {
  overview: (spaceId: string) =>
    queryOptions({
      queryKey: sharingKeys.all(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/shared-by-me", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
};

/** After any stop: the overview and every list the stopped things showed in. */
export async function refreshAfterStopping(queryClient: QueryClient, spaceId: string): Promise<void> {
  const keys = [
    sharingKeys.all(spaceId),
    checkinKeys.all(spaceId),
    togetherKeys.all(spaceId),
    summaryKeys.all(spaceId),
    practiceKeys.summaries(spaceId),
    planKeys.all(spaceId),
    planKeys.feed(spaceId),
    conversationKeys.all(spaceId),
    boundaryKeys.all(spaceId),
  ];
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
