import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useId } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { DEPTHS, type Conversation, type PromptDepth } from "../prompts/types";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Select } from "../ui/Field";
import { useFormErrors } from "../ui/formErrors";
import { todayQueries } from "./queries";
import "./today.css";

const TodayAnswerForm = lazy(() => import("./TodayAnswerForm").then((m) => ({ default: m.TodayAnswerForm })));

const DEPTH_CHOICES: { value: PromptDepth; label: string }[] = DEPTHS.map((d) => ({
  value: d.value,
  label: d.value === "light" ? "Gentle first" : `${d.label} first`,
}));

/**
 * A question for today: one prompt for both, answered apart and revealed together (the conversation's own
 * reveal). Not answering is fine: nothing is counted, and tomorrow brings another.
 */
export function TodayCard() {
  const { spaceId, partnerName } = useCurrentSpace();
  const headingId = useId();
  useSpaceEvents(spaceId);
  const today = useQuery(todayQueries.today(spaceId));

  if (!today.isSuccess) {
    return today.isError ? (
      <section className="card card--quiet today" aria-labelledby={headingId}>
        <h2 id={headingId}>A question for today</h2>
        <p className="muted">Today's question couldn't be loaded just now.</p>
      </section>
    ) : null;
  }
  const { prompt, conversation, depth } = today.data;
  return (
    <section className="card today" aria-labelledby={headingId}>
      <h2 id={headingId}>A question for today</h2>
      {prompt ? (
        <>
          <p className="today__prompt">{prompt.text}</p>
          <TodayAnswer spaceId={spaceId} promptId={prompt.id} conversation={conversation ?? null} partnerName={partnerName} />
        </>
      ) : (
        <p className="muted">You've talked about every question we have. Browse the prompts whenever you like.</p>
      )}
      <DepthChoice spaceId={spaceId} depth={depth} />
    </section>
  );
}

function TodayAnswer({
  spaceId,
  promptId,
  conversation,
  partnerName,
}: {
  spaceId: string;
  promptId: string;
  conversation: Conversation | null;
  partnerName: string;
}) {
  if (conversation?.state === "revealed") {
    return (
      <>
        <div className="today__answers">
          <article className="answer" aria-label="Your answer">
            <h3 className="answer__who">You</h3>
            <p className="answer__text">{conversation.my_answer?.text ?? "You took your answer back."}</p>
          </article>
          <article className="answer" aria-label={`${partnerName}'s answer`}>
            <h3 className="answer__who">{partnerName}</h3>
            <p className="answer__text">{conversation.partners_answer?.text ?? `${partnerName} took their answer back.`}</p>
          </article>
        </div>
        <p>
          <Link to={`/space/conversations/${conversation.id}`}>Open the conversation</Link>
        </p>
      </>
    );
  }

  const me = conversation?.seats.find((s) => s.is_me);
  const partner = conversation?.seats.find((s) => !s.is_me);
  if (me?.answered) {
    return (
      <p className="muted" role="status">
        Your answer is kept for you. You'll both see the answers once {partnerName} has answered too.
      </p>
    );
  }
  return (
    // The form (and the form library) loads when it is shown; its space is kept meanwhile, so the
    // page does not shift when it arrives.
    <Suspense fallback={<div className="today__answer-space" aria-hidden="true" />}>
      <TodayAnswerForm
        spaceId={spaceId}
        promptId={promptId}
        partnerName={partnerName}
        partnerAnswered={Boolean(partner?.answered)}
      />
    </Suspense>
  );
}

function DepthChoice({ spaceId, depth }: { spaceId: string; depth: PromptDepth }) {
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const choose = useMutation({
    mutationFn: (chosen: PromptDepth) =>
      call(
        api.PUT("/api/v1/spaces/{space_id}/today/depth", {
          params: { path: { space_id: spaceId } },
          body: { depth: chosen },
        }),
      ),
    onSuccess: (updated) => queryClient.setQueryData(todayQueries.today(spaceId).queryKey, updated),
    onError: (error) => form.fromError(error),
  });
  return (
    <details className="today__depth">
      <summary>How deep the daily question goes</summary>
      <ErrorSummary message={form.message} errors={form.errors} title="This didn't change" />
      <Select
        label="Questions for you both"
        name="today-depth"
        value={depth}
        options={DEPTH_CHOICES}
        onChange={(chosen) => choose.mutate(chosen)}
        hint="For you both. Gentle questions come first unless you choose deeper."
      />
    </details>
  );
}
