import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Link, useNavigate } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { meKey } from "../app/auth";
import { StepUpProvider } from "../factors/StepUpDialog";
import { useStepUp } from "../factors/stepUpContext";
import { spaceKeys } from "../spaces/queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Checkbox } from "../ui/Field";
import { formatDate } from "../ui/format";
import { useFormErrors } from "../ui/formErrors";
import { Page } from "../ui/Page";
import { QueryFallback } from "../ui/QueryFallback";
import { refreshAfterStopping, sharingQueries, type SharedGroup, type SharedItem } from "./queries";
import { STOP_WORDS, stopOne } from "./stopOne";
import "./sharing.css";

function ItemRow({ spaceId, item }: { spaceId: string; item: SharedItem }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const stop = useMutation({
    mutationFn: () => stopOne(spaceId, item),
    onMutate: () => form.clear(),
    onSuccess: () => refreshAfterStopping(queryClient, spaceId),
    onError: (error) => form.fromError(error),
  });
  const when = item.at ? ` · ${formatDate(item.at)}` : "";
  return (
    <li className="shared-item">
      <Link to={item.link}>
        {item.label}
        {when}
      </Link>
      {item.can_stop ? (
        <Button
          variant="secondary"
          busy={stop.isPending}
          aria-label={`${STOP_WORDS[item.kind] ?? "Stop"}: ${item.label}${when}`}
          onClick={() => stop.mutate()}
        >
          {STOP_WORDS[item.kind] ?? "Stop"}
        </Button>
      ) : null}
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
    </li>
  );
}

function Group({ spaceId, group }: { spaceId: string; group: SharedGroup }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{group.title}</h2>
      <ul className="shared-items">
        {group.items.map((item) => (
          <ItemRow key={item.id} spaceId={spaceId} item={item} />
        ))}
      </ul>
      {group.stops_with_everything ? null : (
        <p className="muted">Stays visible to your partner after "stop sharing everything".</p>
      )}
    </section>
  );
}

function describeStopped(stopped: Record<string, number>): string {
  const total = Object.entries(stopped)
    .filter(([kind]) => kind !== "other_sessions")
    .reduce((sum, [, count]) => sum + count, 0);
  return total === 0 ? "Nothing was shared any more." : "Done. What you shared is private again.";
}

function StopEverything({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const dialogTitleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useFormErrors();
  const [leaveSpace, setLeaveSpace] = useState(false);
  const [clearBoundaries, setClearBoundaries] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  // A sensitive step: the server asks for a fresh confirmation when the sign-in is older than 5 minutes.
  const stepUp = useStepUp();
  const stop = useMutation({
    mutationFn: () =>
      stepUp(() =>
        call(
          api.POST("/api/v1/spaces/{space_id}/stop-sharing", {
            params: { path: { space_id: spaceId } },
            body: { leave_space: leaveSpace, clear_boundaries: clearBoundaries },
          }),
        ),
      ),
    onMutate: () => {
      form.clear();
      setStatus(null);
    },
    onSuccess: async (answer) => {
      dialog.current?.close();
      if (answer.left_space) {
        queryClient.removeQueries({ queryKey: spaceKeys.one(spaceId) });
        await queryClient.refetchQueries({ queryKey: meKey });
        void navigate("/space/new", { replace: true });
        return;
      }
      setStatus(describeStopped(answer.stopped));
      await refreshAfterStopping(queryClient, spaceId);
    },
    onError: (error) => form.fromError(error),
  });

  function open() {
    setLeaveSpace(false);
    setClearBoundaries(false);
    form.clear();
    dialog.current?.showModal();
  }

  return (
    <section className="card card--danger" aria-labelledby={headingId}>
      <h2 id={headingId}>Stop sharing everything</h2>
      <p>In one step, without telling your partner. It looks to them as if these things had never been shared.</p>
      <StatusMessage>{status}</StatusMessage>
      <Button variant="danger" onClick={open}>
        Stop sharing everything…
      </Button>
      <dialog ref={dialog} className="stop-dialog" aria-labelledby={dialogTitleId}>
        <h2 id={dialogTitleId}>Stop sharing everything?</h2>
        <p>This will, at once:</p>
        <ul>
          <li>make every check-in and reflection you shared private again;</li>
          <li>withdraw every summary you published;</li>
          <li>call off answering together that isn't revealed yet, and delete your answers there;</li>
          <li>sign out every other device you're signed in on;</li>
          <li>turn off your calendar feed address (turn it on again for a new one).</li>
        </ul>
        <p>Your partner gets no notice. Your boundaries, plans and what you added stay as they are unless you choose:</p>
        <Checkbox
          name="clear_boundaries"
          label='Also set all my boundaries to "ask me first"'
          checked={clearBoundaries}
          onChange={setClearBoundaries}
        />
        <Checkbox name="leave_space" label="Also leave this space" checked={leaveSpace} onChange={setLeaveSpace} />
        <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
        <div className="actions">
          <Button variant="danger" busy={stop.isPending} onClick={() => stop.mutate()}>
            Yes, stop sharing
          </Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
        </div>
      </dialog>
    </section>
  );
}

/** Everything the member shares with their partner now, each with its own stop, and one step to stop it all. */
export function SharingPage() {
  const { spaceId } = useCurrentSpace();
  const overview = useQuery(sharingQueries.overview(spaceId));
  if (!overview.isSuccess) return <QueryFallback title="What I share now" queries={[overview]} />;
  const shown = overview.data.groups.filter((group) => group.items.length > 0);
  return (
    <Page title="What I share now" lead="Only you see this page. Your partner sees each of these things now.">
      {shown.length === 0 ? <p>You aren't sharing anything with your partner right now.</p> : null}
      {shown.map((group) => (
        <Group key={group.kind} spaceId={spaceId} group={group} />
      ))}
      <StepUpProvider>
        <StopEverything spaceId={spaceId} />
      </StepUpProvider>
    </Page>
  );
}
