import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export function boundariesKey(spaceId: string) {
  return ["boundaries", spaceId] as const;
}

/** Both members' boundaries for now, with the partner's changes since the viewer last looked. */
export function useBoundaries(spaceId: string) {
  return useQuery({
    queryKey: boundariesKey(spaceId),
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/boundaries", { params: { path: { space_id: spaceId } } })),
    enabled: spaceId !== "",
  });
}
