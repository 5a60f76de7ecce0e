/** Keys and query options of the question for today. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { promptKeys } from "../prompts/queries";

export const todayKeys = {
  // Under the prompts' keys, so every conversation signal refreshes today's question too.
  today: (spaceId: string) => [...promptKeys.all(spaceId), "today"] as const,
};

export const todayQueries = {
  today: (spaceId: string) =>
    queryOptions({
      queryKey: todayKeys.today(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/today", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
};
