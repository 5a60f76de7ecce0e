import type { QueryClient } from "@tanstack/react-query";
import { useUser } from "../app/auth";

/** The caller's space (these pages render behind RequireSpace). */
export function useSpaceId(): string {
  return useUser().membership?.space_id ?? "";
}

export const ideasKey = (spaceId: string) => ["ideas", spaceId] as const;
export const matchesKey = (spaceId: string) => ["matches", spaceId] as const;
export const queueKey = (spaceId: string) => ["idea-queue", spaceId] as const;

/** A rating or a new idea changes lists, the queue and matches: refetch them all. */
export async function refreshIdeas(queryClient: QueryClient, spaceId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ideasKey(spaceId) }),
    queryClient.invalidateQueries({ queryKey: matchesKey(spaceId) }),
    queryClient.invalidateQueries({ queryKey: queueKey(spaceId) }),
    queryClient.invalidateQueries({ queryKey: ["idea", spaceId] }),
  ]);
}
