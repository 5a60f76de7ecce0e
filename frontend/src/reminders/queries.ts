/** Keys and query options of the member's own reminders. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const reminderKeys = {
  mine: (spaceId: string) => ["reminders", spaceId] as const,
};

export const reminderQueries = {
  mine: (spaceId: string) =>
    queryOptions({
      queryKey: reminderKeys.mine(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/reminders", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
};
