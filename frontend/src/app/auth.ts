import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { apiError } from "../api/problem";
import type { User } from "../api/types";
import { clearDeviceData } from "../offline/deviceData";
import { clearGuidedHold } from "../practice/guidedHold";

export const meKey = ["me"] as const;

/**
 * A sentence for the login page after signing out on purpose ("You've logged out."). It lives in
 * this tab's memory, not in the query cache, until the next sign-in.
 */
let notice: string | null = null;

/**
 * The signed-in person, or null when nobody is signed in. Asked of /auth/session rather than /me: a
 * signed-out start is an ordinary answer there (200, user null), not a failed request in the console.
 */
async function fetchMe(): Promise<User | null> {
  const { data, error, response } = await api.GET("/api/v1/auth/session");
  if (response.status === 401) return null;
  if (!response.ok || data === undefined) throw apiError(error, response);
  return data.user ?? null;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in person, for components rendered behind RequireAuth. */
export function useUser(): User {
  const { data } = useMe();
  if (!data) throw new Error("useUser() used outside RequireAuth");
  return data;
}

/** After login or sign-up: forget the previous person's data and load the new one. */
export async function startSession(queryClient: QueryClient): Promise<void> {
  notice = null;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  await queryClient.refetchQueries({ queryKey: meKey });
}

/**
 * After logout or account deletion: drop everything cached and mark nobody signed in.
 * The guards then send the person to the login page, which shows `notice`.
 */
export function endSession(queryClient: QueryClient, message: string): void {
  notice = message;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, null);
  clearGuidedHold();
  void clearDeviceData();
}

/** The notice left by endSession, if any. */
export function sessionNotice(): string | null {
  return notice;
}
