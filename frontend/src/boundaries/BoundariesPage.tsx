import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { TextArea } from "../ui/Field";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { formatDateTime } from "../ui/format";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { BoundariesSummary } from "./BoundariesSummary";
import { BoundaryChoices } from "./BoundaryChoices";
import { ownActivitySchema } from "./activitySchema";
import { levelLabel, NOTE_LENGTH, TITLE_LENGTH } from "./levels";
import type { BoundaryLevel } from "./types";
import { useSeenMarks } from "./useSeenMarks";
import "./boundaries.css";
import { boundaryKeys, boundaryQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

function MyBoundariesForm({ spaceId, partnerName }: { spaceId: string; partnerName: string }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const [edits, setEdits] = useState<Record<string, BoundaryLevel>>({});
  const [status, setStatus] = useState<string | null>(null);
  const overview = useQuery(boundaryQueries.overview(spaceId));
  const current: Record<string, BoundaryLevel | undefined> = {};
  for (const b of overview.data?.members.find((m) => m.is_me)?.boundaries ?? []) current[b.activity_id] = b.level;
  const changes = Object.entries(edits).filter(([id, level]) => current[id] !== level);

  const save = useMutation({
    mutationFn: () =>
      call(
        api.PATCH("/api/v1/spaces/{space_id}/boundaries", {
          params: { path: { space_id: spaceId } },
          body: { changes: changes.map(([activity_id, level]) => ({ activity_id, level })) },
        }),
      ),
    onMutate: () => setStatus(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(boundaryKeys.all(spaceId), saved);
      void queryClient.invalidateQueries({ queryKey: boundaryKeys.history(spaceId) });
      setEdits({});
      form.clear();
      setStatus(`Saved. ${partnerName} sees your boundaries as they are now.`);
    },
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (changes.length === 0) {
      setStatus("Nothing has changed.");
      return;
    }
    save.mutate();
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>My boundaries for now</h2>
      <p className="muted">
        Change them whenever you like; no reason is ever needed. {partnerName} always sees where they are now.
      </p>
      {overview.data ? (
        <form className="form" noValidate onSubmit={submit}>
          <ErrorSummary message={form.message} errors={form.errors} />
          <StatusMessage>{status}</StatusMessage>
          <BoundaryChoices
            name="my-boundary"
            activities={overview.data.activities}
            levels={{ ...current, ...edits }}
            onChange={(id, level) => setEdits({ ...edits, [id]: level })}
          />
          <Button type="submit" busy={save.isPending}>
            Save my boundaries
          </Button>
        </form>
      ) : (
        <Loading label="Loading boundaries…" />
      )}
    </section>
  );
}

function OwnActivities({ spaceId, partnerName }: { spaceId: string; partnerName: string }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useSchemaForm(ownActivitySchema, { title: "", note: "" });
  // Removing is a button in the list; its errors show above the form.
  const removal = useFormErrors();
  const listed = useQuery(boundaryQueries.custom(spaceId));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: boundaryKeys.all(spaceId) });
  };
  const add = useMutation({
    mutationFn: (body: { title: string; note: string }) =>
      call(api.POST("/api/v1/spaces/{space_id}/custom-activities", { params: { path: { space_id: spaceId } }, body })),
    onSuccess: async () => {
      form.reset({ title: "", note: "" });
      await refresh();
    },
    onError: (error) => form.fromError(error),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(
        api.DELETE("/api/v1/spaces/{space_id}/custom-activities/{custom_activity_id}", {
          params: { path: { space_id: spaceId, custom_activity_id: id } },
        }),
      ),
    onMutate: () => removal.clear(),
    onSuccess: refresh,
    onError: (error) => removal.fromError(error),
  });

  const submit = form.onSubmit((body) => add.mutate(body));

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Activities of your own</h2>
      <p className="muted">
        Add something the list doesn't have. Its name is shared with {partnerName}; the note is for you alone.
      </p>
      <ErrorSummary message={removal.message} errors={removal.errors} title="This didn't work" />
      {listed.data && listed.data.length > 0 ? (
        <ul className="plain-list">
          {listed.data.map((activity) => (
            <li key={activity.id} className="plain-list__item">
              <span>
                <strong>{activity.title}</strong>
                {activity.view === "mine" && activity.note ? (
                  <span className="muted own-activity__note"> Your note: {activity.note}</span>
                ) : null}
                {activity.view === "partners" ? <span className="muted"> added by {partnerName}</span> : null}
              </span>
              {activity.view === "mine" ? (
                <Button
                  variant="link"
                  busy={remove.isPending && remove.variables === activity.id}
                  onClick={() => remove.mutate(activity.id)}
                  aria-label={`Remove ${activity.title}`}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary message={form.message} errors={form.errors} />
        <Field
          label="Name of the activity"
          name="title"
          {...form.bind("title")}
          maxLength={TITLE_LENGTH}
          autoComplete="off"
        />
        <TextArea
          label="A note for yourself (optional)"
          name="note"
          hint={`Only you will see this, never ${partnerName}.`}
          {...form.bind("note")}
          maxLength={NOTE_LENGTH}
          rows={2}
        />
        <Button type="submit" variant="secondary" busy={add.isPending}>
          Add activity
        </Button>
      </form>
    </section>
  );
}

function MyHistory({ spaceId }: { spaceId: string }) {
  const headingId = useId();
  const history = useInfiniteQuery({
    queryKey: boundaryKeys.history(spaceId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/spaces/{space_id}/boundaries/history", {
          params: { path: { space_id: spaceId }, query: { limit: 20, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card card--quiet" aria-labelledby={headingId}>
      <h2 id={headingId}>How my boundaries changed</h2>
      <p className="muted">Only you see this history.</p>
      {history.data && items.length === 0 ? <p>No changes yet.</p> : null}
      <ul className="plain-list">
        {items.map((change) => (
          <li key={change.id} className="plain-list__item">
            <span>
              {change.activity_title}:{" "}
              {change.previous_level ? `${levelLabel(change.previous_level)} → ` : null}
              {levelLabel(change.level)}
              {change.checkin_id ? <span className="muted"> (with a check-in)</span> : null}
            </span>
            <span className="muted">{formatDateTime(change.changed_at)}</span>
          </li>
        ))}
      </ul>
      {history.hasNextPage ? (
        <Button variant="secondary" busy={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          Show earlier changes
        </Button>
      ) : null}
    </section>
  );
}

export function BoundariesPage() {
  const { spaceId, partnerName } = useCurrentSpace();
  const bothHeading = useId();
  useSpaceEvents(spaceId);
  const overview = useQuery(boundaryQueries.overview(spaceId));
  const marked = useSeenMarks(spaceId, overview.data);

  return (
    <Page title="Boundaries for now" lead="Where each of you is today. They can change at any moment, and that's fine.">
      <MyBoundariesForm spaceId={spaceId} partnerName={partnerName} />
      <section className="card" aria-labelledby={bothHeading}>
        <h2 id={bothHeading}>Both of you, right now</h2>
        {overview.data ? <BoundariesSummary overview={overview.data} marked={marked} /> : <Loading />}
      </section>
      <OwnActivities spaceId={spaceId} partnerName={partnerName} />
      <MyHistory spaceId={spaceId} />
    </Page>
  );
}
