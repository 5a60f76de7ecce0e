import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";

/**
 * Matches shown as new on this visit of the page: each is marked seen on the server at once, so
 * "new match" shows once, while the mark stays on screen until the member leaves the page.
 */
export function useMarkMatchesSeen(spaceId: string, newIds: string[] | undefined): ReadonlySet<string> {
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set());
  const marked = useRef(new Set<string>());

  // New ones join those shown during rendering (React's way of deriving state from props).
  const arriving = (newIds ?? []).filter((id) => !shown.has(id));
  if (arriving.length > 0) setShown(new Set([...shown, ...arriving]));

  useEffect(() => {
    const fresh = [...shown].filter((id) => !marked.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) marked.current.add(id);
    call(
      api.POST("/api/v1/spaces/{space_id}/matches/seen", {
        params: { path: { space_id: spaceId } },
        body: { idea_ids: fresh },
      }),
    ).catch(() => {
      // Not marked this time: the match shows as new once more on the next visit, which is harmless.
      for (const id of fresh) marked.current.delete(id);
    });
  }, [spaceId, shown]);

  return shown;
}
