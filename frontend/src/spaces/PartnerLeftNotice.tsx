import { useEffect, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import { spaceQueries } from "./queries";

/**
 * A calm notice, shown once, after the other member left the space or deleted their account. It never
 * says why or when. Showing it marks it seen, so the next visit shows the home as usual.
 */
export function PartnerLeftNotice({ spaceId }: { spaceId: string }) {
  const notice = useQuery(spaceQueries.partnerLeft(spaceId));
  const marked = useRef(false);
  const partnerLeft = notice.data?.partner_left === true;

  useEffect(() => {
    if (!partnerLeft || marked.current) return;
    marked.current = true;
    void call(
      api.POST("/api/v1/spaces/{space_id}/notices/partner-left/seen", { params: { path: { space_id: spaceId } } }),
    ).catch(() => {
      // Not marked: the notice simply shows once more next time.
      marked.current = false;
    });
  }, [partnerLeft, spaceId]);

  // The answer read once stays on screen for this visit (staleTime: Infinity); the next visit reads "seen".
  if (!partnerLeft) return null;
  return (
    <p className="notice notice--calm" role="status">
      Your partner is no longer in this space. Everything you wrote here is still yours, and you can invite someone
      whenever you want to.
    </p>
  );
}
