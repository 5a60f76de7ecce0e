import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import type { BoundariesOverview } from "./types";

function changedIn(overview: BoundariesOverview | undefined): string[] {
  if (!overview) return [];
  return overview.members.flatMap((m) =>
    m.boundaries.filter((b) => b.changed_since_seen).map((b) => `${m.user_id}:${b.activity_id}`),
  );
}

/**
 * "Changed since you last looked": the partner's boundaries marked when this view first showed them
 * stay marked while it is open; the server is told once that they have been seen.
 */
export function useSeenMarks(spaceId: string, overview: BoundariesOverview | undefined): Set<string> {
  const [marked, setMarked] = useState<Set<string>>(() => new Set());
  const [shown, setShown] = useState<BoundariesOverview | undefined>(undefined);
  const { mutate: markSeen } = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/spaces/{space_id}/boundaries/seen", { params: { path: { space_id: spaceId } } })),
  });

  // Each new answer from the server adds its marks while rendering (no effect-then-render round).
  if (overview !== shown) {
    setShown(overview);
    const changed = changedIn(overview);
    if (changed.length > 0) setMarked((before) => new Set([...before, ...changed]));
  }

  useEffect(() => {
    if (changedIn(overview).length > 0) markSeen();
  }, [overview, markSeen]);

  return marked;
}
