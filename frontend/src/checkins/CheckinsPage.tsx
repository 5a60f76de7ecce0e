import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useLocation } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { Button } from "../ui/Button";
import { StatusMessage } from "../ui/ErrorSummary";
import { QueryStatus } from "../ui/QueryFallback";
import { Page } from "../ui/Page";
import { CheckinCard } from "./CheckinCard";
import { MoodChart } from "./MoodChart";
import "./checkins.css";
import { checkinKeys } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

const PAGE_SIZE = 10;

export function CheckinsPage() {
  const { spaceId, partnerName } = useCurrentSpace();
  const location = useLocation();
  const historyHeading = useId();
  const status = (location.state as { status?: string } | null)?.status ?? null;
  useSpaceEvents(spaceId);

  const history = useInfiniteQuery({
    queryKey: checkinKeys.history(spaceId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/spaces/{space_id}/checkins", {
          params: { path: { space_id: spaceId }, query: { limit: PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title="Check-ins" lead={`How each of you is doing. Yours stay yours unless you share them with ${partnerName}.`}>
      <StatusMessage>{status}</StatusMessage>
      <div className="actions">
        <Link className="button button--primary" to="/space/checkins/new">
          Check in
        </Link>
        <Link className="button button--secondary" to="/space/together">
          Check in together
        </Link>
      </div>

      <MoodChart spaceId={spaceId} />

      <section className="card" aria-labelledby={historyHeading}>
        <h2 id={historyHeading}>History</h2>
        <p className="muted">All of your check-ins, and the ones {partnerName} shared with you, newest first.</p>
        <QueryStatus query={history} loading="Loading check-ins…" failed="We couldn't load your check-ins. Please reload the page." />
        {history.data && items.length === 0 ? (
          <p>Nothing here yet. A check-in can be as short as one word.</p>
        ) : null}
        <ol className="checkin-list">
          {items.map((checkin) => (
            <li key={checkin.id}>
              <CheckinCard spaceId={spaceId} partnerName={partnerName} checkin={checkin} />
            </li>
          ))}
        </ol>
        {history.hasNextPage ? (
          <Button variant="secondary" busy={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            Show older check-ins
          </Button>
        ) : null}
      </section>
    </Page>
  );
}
