/** Keys and query options of prompts and conversations. */
import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";

export const promptKeys = {
  all: (spaceId: string) => ["prompts", spaceId] as const,
  one: (spaceId: string, promptId: string) => ["prompts", spaceId, "one", promptId] as const,
  surprise: (spaceId: string, ...filters: unknown[]) => ["prompts", spaceId, "surprise", ...filters] as const,
  browse: (spaceId: string, ...filters: unknown[]) => ["prompts", spaceId, "browse", ...filters] as const,
  categories: () => ["prompt-categories"] as const,
};

export const conversationKeys = {
  all: (spaceId: string) => ["conversations", spaceId] as const,
  list: (spaceId: string) => ["conversations", spaceId, "list"] as const,
  recent: (spaceId: string) => ["conversations", spaceId, "recent"] as const,
  one: (spaceId: string, conversationId: string) => ["conversations", spaceId, conversationId] as const,
};

export const promptQueries = {
  one: (spaceId: string, promptId: string) =>
    queryOptions({
      queryKey: promptKeys.one(spaceId, promptId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/prompts/{prompt_id}", {
            params: { path: { space_id: spaceId, prompt_id: promptId } },
          }),
        ),
    }),
  categories: () =>
    queryOptions({
      queryKey: promptKeys.categories(),
      queryFn: () => call(api.GET("/api/v1/prompt-categories")),
      staleTime: 60 * 60_000,
    }),
};

export const conversationQueries = {
  recent: (spaceId: string) =>
    queryOptions({
      queryKey: conversationKeys.recent(spaceId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/conversations", {
            params: { path: { space_id: spaceId }, query: { limit: 20 } },
          }),
        ),
      enabled: spaceId !== "",
    }),
  one: (spaceId: string, conversationId: string) =>
    queryOptions({
      queryKey: conversationKeys.one(spaceId, conversationId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/conversations/{conversation_id}", {
            params: { path: { space_id: spaceId, conversation_id: conversationId } },
          }),
        ),
    }),
};
