import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { useUser } from "../app/auth";

/** The signed-in member's space id, and the partner's display name once the space has loaded. */
export function useSpace() {
  const user = useUser();
  const spaceId = user.membership?.space_id ?? "";
  const space = useQuery({
    queryKey: ["space", spaceId],
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}", { params: { path: { space_id: spaceId } } })),
    enabled: spaceId !== "",
  });
  const partner = space.data?.members.find((member) => member.user_id !== user.id) ?? null;
  return { spaceId, userId: user.id, partner, partnerName: partner?.display_name ?? "your partner" };
}
