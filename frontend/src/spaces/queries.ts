/** Keys and query options of the space itself (its members) and its invitations. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const spaceKeys = {
  one: (spaceId: string) => ["space", spaceId] as const,
  invitations: (spaceId: string) => ["invitations", spaceId] as const,
  notices: (spaceId: string) => ["spaces", spaceId, "notices"] as const,
  partnerLeft: (spaceId: string) => [...spaceKeys.notices(spaceId), "partner-left"] as const,
};

export const spaceQueries = {
  one: (spaceId: string) =>
    queryOptions({
      queryKey: spaceKeys.one(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}", { params: { path: { space_id: spaceId } } })),
      enabled: spaceId !== "",
    }),
  invitations: (spaceId: string) =>
    queryOptions({
      queryKey: spaceKeys.invitations(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/invitations", { params: { path: { space_id: spaceId } } })),
    }),
  /** Shown once: after the other member left or deleted their account (never why or when). */
  partnerLeft: (spaceId: string) =>
    queryOptions({
      queryKey: spaceKeys.partnerLeft(spaceId),
      queryFn: () =>
        call(api.GET("/api/v1/spaces/{space_id}/notices/partner-left", { params: { path: { space_id: spaceId } } })),
      staleTime: Infinity,
    }),
};
