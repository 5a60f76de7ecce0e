/** Queries and keys for the journal and summaries (generated client only). */
import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { useUser } from "../app/auth";
import { timeZone } from "./time";

export function practiceKey(spaceId: string, ...rest: unknown[]) {
  return ["practice", spaceId, ...rest] as const;
}

export function summariesKey(spaceId: string, ...rest: unknown[]) {
  return ["summaries", spaceId, ...rest] as const;
}

/** Everything cached about the journal is stale after a change. */
export async function refreshPractice(queryClient: QueryClient, spaceId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: practiceKey(spaceId) });
}

export async function refreshSummaries(queryClient: QueryClient, spaceId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: summariesKey(spaceId) }),
    queryClient.invalidateQueries({ queryKey: practiceKey(spaceId, "summaries") }),
  ]);
}

export function useSpace(): { spaceId: string; isPatient: boolean } {
  const user = useUser();
  return { spaceId: user.membership?.space_id ?? "", isPatient: user.membership?.role === "patient" };
}

function path(spaceId: string) {
  return { params: { path: { space_id: spaceId } } };
}

export function useOverview(spaceId: string) {
  return useQuery({
    queryKey: practiceKey(spaceId, "overview"),
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/overview", path(spaceId))),
  });
}

export function useDilatorSet(spaceId: string) {
  return useQuery({
    queryKey: practiceKey(spaceId, "set"),
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/dilator-set", path(spaceId))),
  });
}

export function useGoals(spaceId: string) {
  return useQuery({
    queryKey: practiceKey(spaceId, "goals"),
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/goals", path(spaceId))),
  });
}

export function useProgress(spaceId: string, start: string, end: string) {
  return useQuery({
    queryKey: practiceKey(spaceId, "progress", start, end),
    queryFn: () =>
      call(
        api.GET("/api/v1/spaces/{space_id}/practice/progress", {
          params: { path: { space_id: spaceId }, query: { start, end, tz: timeZone() } },
        }),
      ),
  });
}

export function useReactionKinds() {
  return useQuery({
    queryKey: ["summary-reactions"],
    queryFn: () => call(api.GET("/api/v1/summary-reactions")),
    staleTime: 60 * 60_000,
  });
}

export function useSharedSummaries(spaceId: string) {
  return useQuery({
    queryKey: summariesKey(spaceId, "shared"),
    queryFn: () =>
      call(
        api.GET("/api/v1/spaces/{space_id}/summaries", {
          params: { path: { space_id: spaceId }, query: { limit: 50 } },
        }),
      ).then((page) => page.items),
  });
}

/** The space (same query as the space home, so it is shared), and the two members' names. */
export function useMembers(spaceId: string): { patientName: string; partnerName: string } {
  const user = useUser();
  const space = useQuery({
    queryKey: ["space", spaceId],
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}", { params: { path: { space_id: spaceId } } })),
    enabled: spaceId !== "",
  });
  const members = space.data?.members ?? [];
  const patient = members.find((m) => m.role === "patient");
  const partner = members.find((m) => m.role === "partner");
  const isPatient = user.membership?.role === "patient";
  return {
    patientName: patient?.display_name ?? (isPatient ? user.display_name : "Your partner"),
    partnerName: partner?.display_name ?? (isPatient ? "your partner" : user.display_name),
  };
}
