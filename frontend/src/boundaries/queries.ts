/** Keys and query options of boundaries, their history and the space's own activities. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const boundaryKeys = {
  all: (spaceId: string) => ["boundaries", spaceId] as const,
  history: (spaceId: string) => ["boundaries", spaceId, "history"] as const,
  custom: (spaceId: string) => ["boundaries", spaceId, "custom"] as const,
};

export const boundaryQueries = {
  /** Both members' boundaries for now, with the partner's changes since the viewer last looked. */
  overview: (spaceId: string) =>
    queryOptions({
      queryKey: boundaryKeys.all(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/boundaries", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
  custom: (spaceId: string) =>
    queryOptions({
      queryKey: boundaryKeys.custom(spaceId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/custom-activities", { params: { path: { space_id: spaceId } } })),
    }),
};
