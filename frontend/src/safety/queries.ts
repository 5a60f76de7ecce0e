/** Keys and query options of the app lock and quick-exit settings. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const safetyKeys = {
  appLock: ["safety", "app-lock"] as const,
  quickExit: ["safety", "quick-exit"] as const,
};

export const safetyQueries = {
  appLock: () =>
    queryOptions({
      queryKey: safetyKeys.appLock,
      queryFn: () => call(api.GET("/api/v1/me/app-lock")),
    }),
  quickExit: () =>
    queryOptions({
      queryKey: safetyKeys.quickExit,
      queryFn: () => call(api.GET("/api/v1/me/quick-exit")),
    }),
};
