import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { formatDate } from "../ui/format";
import type { ConversationSummary } from "./types";
import { conversationKeys } from "./queries";

function stateOf(c: ConversationSummary): string {
  if (c.kept_at) return `Kept in your history since ${formatDate(c.kept_at)}`;
  if (c.state === "revealed") return "Both answers revealed";
  if (c.i_answered) return "You've answered; waiting for the other answer";
  if (c.partner_answered) return "Waiting for your answer";
  return "Nobody has answered yet";
}

/** The couple's conversations: open ones, revealed ones, and those they kept. */
export function Conversations({ spaceId }: { spaceId: string }) {
  const headingId = useId();
  const list = useInfiniteQuery({
    queryKey: conversationKeys.list(spaceId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/spaces/{space_id}/conversations", {
          params: { path: { space_id: spaceId }, query: { limit: 10, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card card--quiet" aria-labelledby={headingId}>
      <h2 id={headingId}>Your conversations</h2>
      {list.data && items.length === 0 ? <p>None yet. Open a prompt to start one.</p> : null}
      <ul className="plain-list">
        {items.map((c) => (
          <li key={c.id} className="plain-list__item">
            <Link to={`/space/conversations/${c.id}`}>{c.prompt_text}</Link>
            <span className="muted">{stateOf(c)}</span>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Show earlier conversations
        </Button>
      ) : null}
    </section>
  );
}
