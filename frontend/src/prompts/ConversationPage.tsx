import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { TextArea } from "../ui/Field";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useFormErrors } from "../ui/formErrors";
import { formatDate } from "../ui/format";
import { Page } from "../ui/Page";
import { ANSWER_LENGTH, type Conversation } from "./types";
import "../checkins/checkins.css";
import "./prompts.css";
import { conversationKeys, conversationQueries, promptKeys } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { QueryFallback } from "../ui/QueryFallback";

function presence(c: Conversation, partnerName: string): string {
  const partner = c.seats.find((s) => !s.is_me);
  const me = c.seats.find((s) => s.is_me);
  if (c.state === "revealed") return "You've both answered.";
  if (!partner) return `${partnerName} hasn't opened this yet.`;
  if (partner.answered && !me?.answered) return `${partnerName} has answered. Both answers appear once you've answered too.`;
  if (partner.answered) return "You've both answered.";
  return `${partnerName} is here and hasn't answered yet.`;
}

function Answer({ who, text, when, level: H = "h3" }: { who: string; text: string; when: string; level?: "h2" | "h3" }) {
  return (
    <article className="answer" aria-label={`${who}'s answer`}>
      <H className="answer__who">{who}</H>
      <p className="answer__text">{text}</p>
      <p className="muted">{formatDate(when)}</p>
    </article>
  );
}

function ConversationView({ conversation }: { conversation: Conversation }) {
  const { spaceId, partnerName } = useCurrentSpace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useFormErrors();
  const answersHeading = useId();
  const [text, setText] = useState("");
  const [confirm, setConfirm] = useState<"discard" | "delete" | null>(null);
  const joining = useRef(false);
  const path = { space_id: spaceId, conversation_id: conversation.id };
  const me = conversation.seats.find((s) => s.is_me);

  async function settle(updated?: Conversation) {
    if (updated) queryClient.setQueryData(["conversations", spaceId, conversation.id], updated);
    await queryClient.invalidateQueries({ queryKey: conversationKeys.all(spaceId) });
    await queryClient.invalidateQueries({ queryKey: promptKeys.all(spaceId) });
  }
  const join = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/spaces/{space_id}/conversations/{conversation_id}/join", { params: { path } })),
    onSuccess: settle,
  });
  const answer = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/spaces/{space_id}/conversations/{conversation_id}/answer", {
          params: { path },
          body: { text: text.trim() },
        }),
      ),
    onSuccess: settle,
    onError: (error) => form.fromError(error),
  });
  const keep = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/spaces/{space_id}/conversations/{conversation_id}/keep", { params: { path } })),
    onSuccess: settle,
    onError: (error) => form.fromError(error),
  });
  const discard = useMutation({
    mutationFn: () =>
      call(api.DELETE("/api/v1/spaces/{space_id}/conversations/{conversation_id}", { params: { path } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: conversationKeys.one(spaceId, conversation.id) });
      await settle();
      void navigate("/space/prompts", { replace: true });
    },
    onError: (error) => form.fromError(error),
  });
  const deleteMine = useMutation({
    mutationFn: () =>
      call(api.DELETE("/api/v1/spaces/{space_id}/conversations/{conversation_id}/answer", { params: { path } })),
    onSuccess: async () => {
      setConfirm(null);
      await queryClient.invalidateQueries({ queryKey: conversationKeys.one(spaceId, conversation.id) });
      await settle();
    },
    onError: (error) => form.fromError(error),
  });

  useEffect(() => {
    if (conversation.state === "open" && !me && !joining.current) {
      joining.current = true;
      join.mutate();
    }
  }, [conversation.state, me, join]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = text.trim() === "" ? [{ field: "answer", message: "Write your answer before sending it." }] : [];
    if (form.validate(errors)) answer.mutate();
  }

  const revealed = conversation.state === "revealed";
  const canDiscard = revealed || conversation.can_call_off;
  return (
    <>
      {conversation.prompt.follow_up ? (
        <p className="prompt__follow-up">And then: {conversation.prompt.follow_up}</p>
      ) : null}
      <p className="presence" role="status" aria-live="polite">
        {presence(conversation, partnerName)}
      </p>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />

      {!revealed && !conversation.my_answer ? (
        <form className="form" noValidate onSubmit={submit}>
          <TextArea
            label="Your answer"
            name="answer"
            hint={
              conversation.seats.some((seat) => !seat.is_me && seat.answered)
                ? `${partnerName} has already answered: both answers appear as soon as you save yours.`
                : `It stays hidden until ${partnerName} has answered too.`
            }
            value={text}
            onChange={setText}
            maxLength={ANSWER_LENGTH}
            error={form.fieldError("answer") ?? form.fieldError("text")}
            rows={6}
          />
          <Button type="submit" busy={answer.isPending}>
            Send my answer
          </Button>
        </form>
      ) : null}

      {!revealed && conversation.my_answer ? (
        <div className="card card--quiet waiting">
          <p>Your answer is in. You'll both see both answers here as soon as {partnerName} has answered too.</p>
          <Answer who="Your answer" text={conversation.my_answer.text} when={conversation.my_answer.created_at} level="h2" />
        </div>
      ) : null}

      {revealed ? (
        <section className="reveal" aria-labelledby={answersHeading}>
          <h2 id={answersHeading}>Both answers</h2>
          <div className="reveal__pair">
            {conversation.my_answer ? (
              <Answer who="You" text={conversation.my_answer.text} when={conversation.my_answer.created_at} />
            ) : (
              <p className="muted">You took your answer back.</p>
            )}
            {conversation.partners_answer ? (
              <Answer
                who={partnerName}
                text={conversation.partners_answer.text}
                when={conversation.partners_answer.created_at}
              />
            ) : (
              <p className="muted">{partnerName}'s answer isn't here any more.</p>
            )}
          </div>
          {conversation.kept_at ? (
            <p className="tag">Kept in your shared history</p>
          ) : (
            <div className="actions">
              <Button busy={keep.isPending} onClick={() => keep.mutate()}>
                Keep in our history
              </Button>
            </div>
          )}
        </section>
      ) : null}

      <div className="page__aside actions">
        {confirm === "discard" ? (
          <span role="group" aria-label="Confirm discarding the conversation" className="confirm-inline">
            <Button variant="danger" busy={discard.isPending} onClick={() => discard.mutate()}>
              Yes, discard it
            </Button>
            <Button variant="link" onClick={() => setConfirm(null)}>
              Keep it
            </Button>
          </span>
        ) : confirm === "delete" ? (
          <span role="group" aria-label="Confirm deleting your answer" className="confirm-inline">
            <Button variant="danger" busy={deleteMine.isPending} onClick={() => deleteMine.mutate()}>
              Yes, delete my answer
            </Button>
            <Button variant="link" onClick={() => setConfirm(null)}>
              Keep it
            </Button>
          </span>
        ) : (
          <>
            {revealed && conversation.my_answer ? (
              <Button variant="link" onClick={() => setConfirm("delete")}>
                Delete my answer
              </Button>
            ) : null}
            {canDiscard ? (
              <Button variant="link" onClick={() => setConfirm("discard")}>
                Discard this conversation
              </Button>
            ) : null}
          </>
        )}
      </div>
      <p>
        <Link to="/space/prompts">Back to the prompts</Link>
      </p>
    </>
  );
}

export function ConversationPage() {
  const { conversationId = "" } = useParams();
  const { spaceId } = useCurrentSpace();
  useSpaceEvents(spaceId);
  const conversation = useQuery(conversationQueries.one(spaceId, conversationId));
  if (!conversation.isSuccess) {
    const gone = (
      <Page title="Conversation not found">
        <p>This conversation isn't here any more. It may have been discarded.</p>
        <Link to="/space/prompts">Back to the prompts</Link>
      </Page>
    );
    return <QueryFallback title="Conversation" loading="Loading the conversation…" queries={[conversation]} notFound={gone} />;
  }
  return (
    <Page title={conversation.data.prompt.text} documentTitle="Conversation">
      <ConversationView conversation={conversation.data} />
    </Page>
  );
}
