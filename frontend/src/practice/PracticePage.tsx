import { useInfiniteQuery, useMutation, useQueryClient, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useLocation } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { formatDateTime } from "../ui/format";
import { QueryStatus } from "../ui/QueryFallback";
import { Page } from "../ui/Page";
import { practiceKeys, practiceQueries, refreshPractice } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { DEPTH_LABEL, KIND_LABEL } from "./labels";
import { minutesText } from "./time";
import type { Entry } from "./types";
import { WelcomeBack } from "./WelcomeBack";
import "./practice.css";

const PAGE = 20;

function entrySummary(entry: Entry): string {
  const parts = [minutesText(entry.minutes)];
  if (entry.kind === "dilator") {
    parts.unshift(entry.size_label ? `Size ${entry.size_label}` : "Size no longer in your set");
    if (entry.depth) parts.push(DEPTH_LABEL[entry.depth].toLowerCase());
    parts.push(entry.pain === null ? "pain not rated" : `pain ${entry.pain}`);
    parts.push(entry.anxiety === null ? "anxiety not rated" : `anxiety ${entry.anxiety}`);
  }
  return parts.join(" · ");
}

/** The journal: quick ways in, and the entries, newest first. */
export function PracticePage() {
  const { spaceId } = useCurrentSpace();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const overview = useQuery(practiceQueries.overview(spaceId));
  const entriesHeading = useId();

  const entries = useInfiniteQuery({
    queryKey: practiceKeys.entries(spaceId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/spaces/{space_id}/practice/entries", {
          params: { path: { space_id: spaceId }, query: { limit: PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page
      title="Your practice"
      lead="Your private journal. Your partner can't see any of it; you decide what to share in a summary."
    >
      <StatusMessage>{saved ? "Saved to your journal." : null}</StatusMessage>
      {overview.data ? <WelcomeBack overview={overview.data} /> : null}
      <div className="actions">
        <Link className="button button--primary" to="/practice/log">
          Log practice
        </Link>
        <Link className="button button--secondary" to="/practice/session">
          Start a guided session
        </Link>
      </div>
      <nav aria-label="Your practice" className="practice-links-nav">
        <ul className="practice-links">
          <li>
            <Link to="/practice/progress">Progress</Link>
          </li>
          <li>
            <Link to="/practice/goals">Goals</Link>
          </li>
          <li>
            <Link to="/practice/summaries">Summaries to share</Link>
          </li>
          <li>
            <Link to="/practice/setup">Dilator set, plan and settings</Link>
          </li>
          <li>
            <Link to="/practice/report">Report for your clinician</Link>
          </li>
        </ul>
      </nav>

      <section className="card" aria-labelledby={entriesHeading}>
        <h2 id={entriesHeading}>Journal</h2>
        <QueryStatus query={entries} loading="Loading your journal…" failed="We couldn't load your journal. Please reload the page." />
        {entries.data && items.length === 0 ? (
          <p className="muted">Nothing logged yet. Whenever you practise, a quick note here helps you see how it's going.</p>
        ) : null}
        {items.length > 0 ? (
          <ul className="plain-list journal">
            {items.map((entry) => (
              <JournalItem key={entry.id} spaceId={spaceId} entry={entry} />
            ))}
          </ul>
        ) : null}
        {entries.hasNextPage ? (
          <Button variant="secondary" busy={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
            Show earlier entries
          </Button>
        ) : null}
      </section>
    </Page>
  );
}

function JournalItem({ spaceId, entry }: { spaceId: string; entry: Entry }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const [confirming, setConfirming] = useState(false);
  const when = formatDateTime(entry.practised_at);
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.DELETE("/api/v1/spaces/{space_id}/practice/entries/{entry_id}", {
          params: { path: { space_id: spaceId, entry_id: entry.id } },
        }),
      ),
    onSuccess: () => refreshPractice(queryClient, spaceId),
    onError: (error) => form.fromError(error),
  });
  return (
    <li className="plain-list__item journal__item">
      <span className="journal__text">
        <span className="journal__kind">
          {KIND_LABEL[entry.kind]}
          {entry.guided ? <span className="tag">Guided</span> : null}
        </span>
        <span className="muted">
          {when} · {entrySummary(entry)}
        </span>
        {entry.note ? <span className="journal__note">{entry.note}</span> : null}
      </span>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      {confirming ? (
        <span className="actions" role="group" aria-label={`Delete the entry from ${when}?`}>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
            Yes, delete
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </span>
      ) : (
        <span className="actions">
          <Link className="button button--secondary" to={`/practice/entries/${entry.id}`} aria-label={`Edit the entry from ${when}`}>
            Edit
          </Link>
          <Button variant="link" onClick={() => setConfirming(true)} aria-label={`Delete the entry from ${when}`}>
            Delete
          </Button>
        </span>
      )}
    </li>
  );
}
