import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { call } from "../api/call";
import { levelLabel } from "../boundaries/levels";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors, useSchemaForm } from "../ui/form";
import { formatDateTime } from "../ui/format";
import { TextArea, RadioGroup } from "../ui/Field";
import { CHOICES } from "./fields";
import type { AcknowledgementKind, CheckinView, MyCheckin, PartnersCheckin } from "./types";
import { ACKNOWLEDGEMENTS, acknowledgementLabel, closenessLabel, moodLabel, REPLY_LENGTH } from "./words";
import { checkinKeys, togetherKeys } from "./queries";
import { acknowledgementSchema } from "./schemas";

interface CardProps {
  spaceId: string;
  partnerName: string;
  checkin: CheckinView;
  headingLevel?: "h2" | "h3";
}

function Body({ checkin }: { checkin: MyCheckin | PartnersCheckin }) {
  return (
    <dl className="checkin__facts">
      <div>
        <dt>Mood</dt>
        <dd>{moodLabel(checkin.mood)}</dd>
      </div>
      {checkin.feelings.length + checkin.own_words.length > 0 ? (
        <div>
          <dt>Feelings</dt>
          <dd>
            <ul className="checkin__feelings">
              {checkin.feelings.map((f) => (
                <li key={f.id} className="pill">
                  {f.word}
                </li>
              ))}
              {checkin.own_words.map((w) => (
                <li key={w} className="pill pill--own">
                  {w}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Room for closeness</dt>
        <dd>{closenessLabel(checkin.closeness)}</dd>
      </div>
      {checkin.help_from_you ? (
        <div>
          <dt>What would help</dt>
          <dd>{checkin.help_from_you}</dd>
        </div>
      ) : null}
      {checkin.note ? (
        <div>
          <dt>Note</dt>
          <dd className="checkin__note">{checkin.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function MyCard({ spaceId, partnerName, checkin, headingLevel: H = "h3" }: CardProps & { checkin: MyCheckin }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const path = { space_id: spaceId, checkin_id: checkin.id };
  // A check-in made together also shows in its round, so the together view refetches as well.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: checkinKeys.all(spaceId) }),
      queryClient.invalidateQueries({ queryKey: togetherKeys.all(spaceId) }),
    ]);

  const visibility = useMutation({
    mutationFn: (next: "shared" | "private") =>
      call(
        api.PATCH("/api/v1/spaces/{space_id}/checkins/{checkin_id}", {
          params: { path },
          body: { visibility: next },
        }),
      ),
    onMutate: () => form.clear(),
    onSuccess: refresh,
    onError: (error) => form.fromError(error),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/checkins/{checkin_id}", { params: { path } })),
    onSuccess: refresh,
    onError: (error) => form.fromError(error),
  });

  const when = formatDateTime(checkin.created_at);
  return (
    <article className="checkin checkin--mine" aria-label={`Your check-in, ${when}`}>
      <H className="checkin__title">
        You, {when}
        <span className="tag">
          {checkin.awaiting_reveal ? "Waiting to be revealed" : checkin.visibility === "shared" ? "Shared" : "Just for me"}
        </span>
        {checkin.together ? <span className="tag tag--quiet">Together</span> : null}
      </H>
      <Body checkin={checkin} />
      {checkin.acknowledgement ? (
        <p className="checkin__ack">
          <strong>{partnerName}:</strong> {acknowledgementLabel(checkin.acknowledgement.kind)}
          {checkin.acknowledgement.reply ? ` “${checkin.acknowledgement.reply}”` : null}
        </p>
      ) : null}
      {checkin.boundary_changes.length > 0 ? (
        <p className="muted">
          Boundaries updated with it:{" "}
          {checkin.boundary_changes.map((c) => `${c.activity_title}: ${levelLabel(c.level)}`).join("; ")}
        </p>
      ) : null}
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
      {checkin.awaiting_reveal ? null : (
        <div className="actions">
          {checkin.visibility === "shared" ? (
            <Button variant="secondary" busy={visibility.isPending} onClick={() => visibility.mutate("private")}>
              Make it just for me
            </Button>
          ) : (
            <Button variant="secondary" busy={visibility.isPending} onClick={() => visibility.mutate("shared")}>
              Share with {partnerName}
            </Button>
          )}
          {confirmDelete ? (
            <span className="confirm-inline" role="group" aria-label="Confirm deleting this check-in">
              <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
                Yes, delete it
              </Button>
              <Button variant="link" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </span>
          ) : (
            <Button variant="link" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

function AcknowledgeForm({ spaceId, checkin }: { spaceId: string; checkin: PartnersCheckin }) {
  const queryClient = useQueryClient();
  const current = checkin.my_acknowledgement;
  const form = useSchemaForm(
    acknowledgementSchema,
    { kind: current?.kind ?? "", reply: current?.reply ?? "" },
    { prefix: `ack-${checkin.id}-` },
  );
  const [editing, setEditing] = useState(current === null);

  const send = useMutation({
    mutationFn: (body: { kind: AcknowledgementKind; reply: string }) =>
      call(
        api.PUT("/api/v1/spaces/{space_id}/checkins/{checkin_id}/acknowledgement", {
          params: { path: { space_id: spaceId, checkin_id: checkin.id } },
          body,
        }),
      ),
    onSuccess: async () => {
      setEditing(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: checkinKeys.all(spaceId) }),
        queryClient.invalidateQueries({ queryKey: togetherKeys.all(spaceId) }),
      ]);
    },
    onError: (error) => form.fromError(error),
  });

  // The schema has checked that a kind is chosen.
  const submit = form.onSubmit((body) => send.mutate({ kind: body.kind as AcknowledgementKind, reply: body.reply }));

  if (!editing && current) {
    return (
      <p className="checkin__ack">
        You answered: {acknowledgementLabel(current.kind)}
        {current.reply ? ` “${current.reply}”` : null}{" "}
        <Button variant="link" onClick={() => setEditing(true)}>
          Change
        </Button>
      </p>
    );
  }
  return (
    <form className="form ack-form" noValidate onSubmit={submit}>
      <ErrorSummary message={form.message} errors={form.errors} />
      <RadioGroup<AcknowledgementKind>
        look={CHOICES}
        legend="Answer with"
        {...form.bind("kind")}
        name={form.name("kind")}
        options={ACKNOWLEDGEMENTS}
        inline
      />
      <TextArea
        label="A short reply (optional)"
        {...form.bind("reply")}
        name={form.name("reply")}
        maxLength={REPLY_LENGTH}
        rows={2}
      />
      <Button type="submit" variant="secondary" busy={send.isPending}>
        Send
      </Button>
    </form>
  );
}

function PartnersCard({ spaceId, partnerName, checkin, headingLevel: H = "h3" }: CardProps & { checkin: PartnersCheckin }) {
  const when = formatDateTime(checkin.created_at);
  return (
    <article className="checkin checkin--partners" aria-label={`${partnerName}'s check-in, ${when}`}>
      <H className="checkin__title">
        {partnerName}, {when}
        {checkin.together ? <span className="tag tag--quiet">Together</span> : null}
      </H>
      <Body checkin={checkin} />
      <AcknowledgeForm spaceId={spaceId} checkin={checkin} />
    </article>
  );
}

export function CheckinCard(props: CardProps) {
  const { checkin } = props;
  return checkin.view === "mine" ? <MyCard {...props} checkin={checkin} /> : <PartnersCard {...props} checkin={checkin} />;
}
