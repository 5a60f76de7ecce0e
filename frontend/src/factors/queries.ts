import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const factorsKey = ["me", "factors"] as const;

export const factorsQuery = queryOptions({
  queryKey: factorsKey,
  queryFn: () => call(api.GET("/api/v1/me/factors")),
});
