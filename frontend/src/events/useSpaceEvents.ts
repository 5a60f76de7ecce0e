import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import type { paths } from "../api/schema";
import { boundaryKeys } from "../boundaries/queries";
import { checkinKeys, togetherKeys } from "../checkins/queries";
import { ideaKeys } from "../ideas/queries";
import { pathKeys } from "../path/queries";
import { planKeys } from "../plans/queries";
import { practiceKeys, summaryKeys } from "../practice/queries";
import { conversationKeys, promptKeys } from "../prompts/queries";
import { spaceKeys } from "../spaces/queries";

/**
 * Live signals of the space (server-sent events). A signal only says which kind of record changed;
 * the pages then refetch through the API, where the privacy rule decides what they may read.
 */
const EVENTS_PATH: keyof paths = "/api/v1/spaces/{space_id}/events";

/** The queries to refetch for each kind of signal, by the domains' own key factories. */
const REFRESH: Record<string, (spaceId: string) => QueryKey[]> = {
  together: (spaceId) => [togetherKeys.all(spaceId), checkinKeys.all(spaceId)],
  conversation: (spaceId) => [conversationKeys.all(spaceId), promptKeys.all(spaceId)],
  boundaries: (spaceId) => [boundaryKeys.all(spaceId)],
  // A check-in's visibility or acknowledgement also shows in the together round it was made in.
  checkin: (spaceId) => [checkinKeys.all(spaceId), togetherKeys.all(spaceId)],
  path: (spaceId) => [pathKeys.all(spaceId)],
  // A withdrawn summary is gone from the partner's refetched list at once (the API answers 404 for it);
  // stopping sharing everything may also have withdrawn reflections.
  summary: (spaceId) => [summaryKeys.all(spaceId), practiceKeys.summaries(spaceId)],
  match: (spaceId) => [ideaKeys.matches(spaceId)],
  plan: (spaceId) => [planKeys.all(spaceId)],
};

/** A partner joining or leaving changes what every page may show: the space and all the rest. */
const SPACE_SIGNAL = "space";

function everything(spaceId: string): QueryKey[] {
  return Object.values(REFRESH).flatMap((keys) => keys(spaceId));
}

interface Connection {
  source: EventSource;
  users: number;
}

let connection: Connection | null = null;
let connectedSpace = "";

function refresh(queryClient: QueryClient, keys: QueryKey[]) {
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

function open(queryClient: QueryClient, spaceId: string): EventSource {
  const source = new EventSource(EVENTS_PATH.replace("{space_id}", encodeURIComponent(spaceId)));
  // Whenever the stream (re)opens, something may have happened meanwhile: refetch all.
  source.addEventListener("ready", () => refresh(queryClient, everything(spaceId)));
  for (const [kind, keys] of Object.entries(REFRESH)) {
    source.addEventListener(kind, () => refresh(queryClient, keys(spaceId)));
  }
  source.addEventListener(SPACE_SIGNAL, () => {
    void queryClient.invalidateQueries({ queryKey: spaceKeys.one(spaceId) });
    void queryClient.invalidateQueries({ queryKey: spaceKeys.notices(spaceId) });
    refresh(queryClient, everything(spaceId));
  });
  return source;
}

/**
 * Keep one live connection to the space's events while any component that needs it is shown
 * and the page is visible (a hidden tab lets go, so an idle session can still time out).
 */
export function useSpaceEvents(spaceId: string) {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!spaceId || typeof EventSource === "undefined") return undefined;

    function attach() {
      if (connection && connectedSpace !== spaceId) {
        connection.source.close();
        connection = null;
      }
      if (!connection) {
        connection = { source: open(queryClient, spaceId), users: 0 };
        connectedSpace = spaceId;
      }
      connection.users += 1;
    }

    function detach() {
      if (!connection) return;
      connection.users -= 1;
      if (connection.users <= 0) {
        connection.source.close();
        connection = null;
      }
    }

    let attached = document.visibilityState !== "hidden";
    if (attached) attach();

    function onVisibility() {
      const visible = document.visibilityState !== "hidden";
      if (visible && !attached) {
        attach();
        attached = true;
      } else if (!visible && attached) {
        detach();
        attached = false;
      }
    }
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      if (attached) detach();
    };
  }, [queryClient, spaceId]);
}
