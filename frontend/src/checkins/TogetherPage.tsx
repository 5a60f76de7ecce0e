import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { CheckinCard } from "./CheckinCard";
import { CheckinFields, useCheckinForm } from "./CheckinFields";
import { answerOf } from "./schemas";
import type { TogetherAnswer, TogetherRound } from "./types";
import "./checkins.css";
import { checkinKeys, togetherKeys, togetherQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

function presence(round: TogetherRound, partnerName: string): string {
  const partner = round.seats.find((s) => !s.is_me);
  const me = round.seats.find((s) => s.is_me);
  if (!partner) return `${partnerName} hasn't joined yet. You can start filling yours in.`;
  if (partner.answered && me?.answered) return "You've both answered.";
  if (partner.answered) return `${partnerName} has finished and is waiting for you, no rush.`;
  return `${partnerName} has joined and is filling theirs in.`;
}

function RoundView({ round }: { round: TogetherRound }) {
  const { spaceId, partnerName } = useCurrentSpace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { form, draft, setDraft, fieldError } = useCheckinForm();
  const revealHeading = useId();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const joining = useRef(false);
  const path = { space_id: spaceId, round_id: round.id };
  const me = round.seats.find((s) => s.is_me);

  async function settle(updated: TogetherRound) {
    queryClient.setQueryData(["together", spaceId, round.id], updated);
    await queryClient.invalidateQueries({ queryKey: togetherKeys.current(spaceId) });
    await queryClient.invalidateQueries({ queryKey: checkinKeys.all(spaceId) });
  }

  const join = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/together/{round_id}/join", { params: { path } })),
    onSuccess: settle,
  });
  const answer = useMutation({
    mutationFn: (body: TogetherAnswer) =>
      call(api.POST("/api/v1/spaces/{space_id}/together/{round_id}/answer", { params: { path }, body })),
    onSuccess: settle,
    onError: (error) => form.fromError(error),
  });
  const cancel = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/together/{round_id}/cancel", { params: { path } })),
    onSuccess: settle,
    onError: (error) => form.fromError(error),
  });

  // Opening the page is joining: the other one sees you're here.
  useEffect(() => {
    if (round.state === "open" && !me && !joining.current) {
      joining.current = true;
      join.mutate();
    }
  }, [round.state, me, join]);

  const submit = form.onSubmit((values) => answer.mutate(answerOf(values)));

  if (round.state === "revealed") {
    return (
      <section aria-labelledby={revealHeading} className="reveal">
        <h2 id={revealHeading}>You've both checked in</h2>
        <p className="muted">Take a moment with what the other wrote. There's nothing you need to fix.</p>
        <div className="reveal__pair">
          {round.mine ? <CheckinCard spaceId={spaceId} partnerName={partnerName} checkin={round.mine} /> : null}
          {round.partners ? (
            <CheckinCard spaceId={spaceId} partnerName={partnerName} checkin={round.partners} />
          ) : (
            <p>{partnerName}'s answer is no longer shared.</p>
          )}
        </div>
        <Link className="button button--secondary" to="/space/checkins">
          Go to check-ins
        </Link>
      </section>
    );
  }

  if (round.state === "cancelled") {
    return (
      <div className="card card--quiet">
        <p>
          This check-in together was called off. Nothing was revealed; anything you wrote stays in your own journal,
          just for you.
        </p>
        <Button onClick={() => navigate("/space/together", { replace: true })}>Start a new one</Button>
      </div>
    );
  }

  return (
    <>
      <p className="presence" role="status" aria-live="polite">
        {presence(round, partnerName)}
      </p>
      {me?.answered ? (
        <div className="card card--quiet waiting">
          <p>
            Your answer is in. It stays hidden until {partnerName} has answered too; then you'll both see both, right
            here.
          </p>
        </div>
      ) : (
        <form className="form checkin-form" noValidate onSubmit={submit}>
          <ErrorSummary message={form.message} errors={form.errors} />
          <p className="muted">Neither of you sees the other's answers until you've both sent yours.</p>
          <CheckinFields draft={draft} onChange={setDraft} fieldError={fieldError} partnerName={partnerName} />
          <Button type="submit" busy={answer.isPending}>
            Send my answer
          </Button>
        </form>
      )}
      {round.can_call_off ? (
        <div className="page__aside">
          {confirmCancel ? (
            <div className="actions" role="group" aria-label="Confirm calling it off">
              <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
                Yes, call it off
              </Button>
              <Button variant="link" onClick={() => setConfirmCancel(false)}>
                Keep going
              </Button>
            </div>
          ) : (
            <Button variant="link" onClick={() => setConfirmCancel(true)}>
              Call it off
            </Button>
          )}
        </div>
      ) : null}
    </>
  );
}

export function TogetherPage() {
  const { roundId } = useParams();
  const { spaceId, partner, partnerName } = useCurrentSpace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useFormErrors();
  useSpaceEvents(spaceId);

  const current = useQuery({ ...togetherQueries.current(spaceId), enabled: !roundId });
  const round = useQuery(togetherQueries.round(spaceId, roundId ?? ""));
  const start = useMutation({
    mutationFn: () => call(api.POST("/api/v1/spaces/{space_id}/together", { params: { path: { space_id: spaceId } } })),
    onSuccess: (started) => {
      queryClient.setQueryData(togetherKeys.round(spaceId, started.id), started);
      void navigate(`/space/together/${started.id}`, { replace: true });
    },
    onError: (error) => form.fromError(error),
  });

  // An open round found from /space/together gets its own address, so the reveal stays on screen.
  useEffect(() => {
    if (!roundId && current.data) void navigate(`/space/together/${current.data.id}`, { replace: true });
  }, [roundId, current.data, navigate]);

  const lead = `Both of you fill in the same short check-in, side by side or apart. Neither sees the other's until you've both answered; then both appear at once.`;
  let content;
  if (roundId) {
    if (round.isPending) content = <Loading label="Loading…" />;
    else if (round.isError) content = <p>We couldn't find this check-in together. It may have been removed.</p>;
    else content = <RoundView round={round.data} />;
  } else if (current.isPending || current.data) {
    content = <Loading label="Loading…" />;
  } else if (current.isError) {
    content = <p>We couldn't load this just now. Please reload the page.</p>;
  } else {
    content = (
      <div className="card">
        <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
        {partner ? (
          <p>When you start, {partnerName} sees an invitation to join on your space's home page.</p>
        ) : (
          <p>Once your partner has joined your space, you can check in together here.</p>
        )}
        <Button busy={start.isPending} onClick={() => start.mutate()} disabled={!partner}>
          Start checking in together
        </Button>
      </div>
    );
  }

  return (
    <Page title="Check in together" lead={lead}>
      {content}
    </Page>
  );
}
