/** Keys and query options for the journal and the summaries (generated client only). */
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { timeZone } from "./time";

function path(spaceId: string) {
  return { params: { path: { space_id: spaceId } } };
}

export const practiceKeys = {
  all: (spaceId: string) => ["practice", spaceId] as const,
  overview: (spaceId: string) => ["practice", spaceId, "overview"] as const,
  set: (spaceId: string) => ["practice", spaceId, "set"] as const,
  goals: (spaceId: string) => ["practice", spaceId, "goals"] as const,
  settings: (spaceId: string) => ["practice", spaceId, "settings"] as const,
  plan: (spaceId: string) => ["practice", spaceId, "plan"] as const,
  entries: (spaceId: string) => ["practice", spaceId, "entries"] as const,
  entry: (spaceId: string, entryId: string) => ["practice", spaceId, "entry", entryId] as const,
  progress: (spaceId: string, start: string, end: string) => ["practice", spaceId, "progress", start, end] as const,
  report: (spaceId: string, start: string, end: string) => ["practice", spaceId, "report", start, end] as const,
  /** The patient's own drafts and published summaries. */
  summaries: (spaceId: string) => ["practice", spaceId, "summaries"] as const,
  summary: (spaceId: string, summaryId: string) => ["practice", spaceId, "summaries", summaryId] as const,
};

/** Summaries as the partner reads them (published ones only). */
export const summaryKeys = {
  all: (spaceId: string) => ["summaries", spaceId] as const,
  shared: (spaceId: string) => ["summaries", spaceId, "shared"] as const,
  reactionKinds: () => ["summary-reactions"] as const,
};

/** Everything cached about the journal is stale after a change. */
export async function refreshPractice(queryClient: QueryClient, spaceId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: practiceKeys.all(spaceId) });
}

export async function refreshSummaries(queryClient: QueryClient, spaceId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: summaryKeys.all(spaceId) }),
    queryClient.invalidateQueries({ queryKey: practiceKeys.summaries(spaceId) }),
  ]);
}

export const practiceQueries = {
  overview: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.overview(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/overview", path(spaceId))),
    }),
  set: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.set(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/dilator-set", path(spaceId))),
    }),
  goals: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.goals(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/goals", path(spaceId))),
    }),
  settings: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.settings(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/settings", path(spaceId))),
    }),
  plan: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.plan(spaceId),
      queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/practice/plan", path(spaceId))),
    }),
  entry: (spaceId: string, entryId: string) =>
    queryOptions({
      queryKey: practiceKeys.entry(spaceId, entryId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/practice/entries/{entry_id}", {
            params: { path: { space_id: spaceId, entry_id: entryId } },
          }),
        ),
    }),
  progress: (spaceId: string, start: string, end: string) =>
    queryOptions({
      queryKey: practiceKeys.progress(spaceId, start, end),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/practice/progress", {
            params: { path: { space_id: spaceId }, query: { start, end, tz: timeZone() } },
          }),
        ),
    }),
  report: (spaceId: string, start: string, end: string) =>
    queryOptions({
      queryKey: practiceKeys.report(spaceId, start, end),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/practice/report", {
            params: { path: { space_id: spaceId }, query: { start, end, tz: timeZone() } },
          }),
        ),
    }),
  summaries: (spaceId: string) =>
    queryOptions({
      queryKey: practiceKeys.summaries(spaceId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/practice/summaries", {
            params: { path: { space_id: spaceId }, query: { limit: 100 } },
          }),
        ).then((page) => page.items),
    }),
  summary: (spaceId: string, summaryId: string) =>
    queryOptions({
      queryKey: practiceKeys.summary(spaceId, summaryId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/practice/summaries/{summary_id}", {
            params: { path: { space_id: spaceId, summary_id: summaryId } },
          }),
        ),
    }),
};

export const summaryQueries = {
  shared: (spaceId: string) =>
    queryOptions({
      queryKey: summaryKeys.shared(spaceId),
      queryFn: () =>
        call(
          api.GET("/api/v1/spaces/{space_id}/summaries", {
            params: { path: { space_id: spaceId }, query: { limit: 50 } },
          }),
        ).then((page) => page.items),
    }),
  reactionKinds: () =>
    queryOptions({
      queryKey: summaryKeys.reactionKinds(),
      queryFn: () => call(api.GET("/api/v1/summary-reactions")),
      staleTime: 60 * 60_000,
    }),
};
