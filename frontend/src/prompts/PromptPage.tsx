import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useFormErrors } from "../ui/formErrors";
import { formatDate } from "../ui/format";
import { Page } from "../ui/Page";
import { FavouriteButton } from "./PromptActions";
import { depthLabel, localToday, type Prompt } from "./types";
import "./prompts.css";
import { GuideLink } from "../guides/GuideLink";
import { GUIDE_FOR, GUIDE_FOR_PROMPT_CATEGORY } from "../guides/links";
import { promptKeys, promptQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { QueryFallback } from "../ui/QueryFallback";

function TalkedAbout({ spaceId, prompt }: { spaceId: string; prompt: Prompt }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useFormErrors();
  const [day, setDay] = useState(localToday);
  const path = { space_id: spaceId, prompt_id: prompt.id };
  const refresh = () => queryClient.invalidateQueries({ queryKey: promptKeys.all(spaceId) });
  const mark = useMutation({
    mutationFn: () =>
      call(api.PUT("/api/v1/spaces/{space_id}/prompts/{prompt_id}/talked", { params: { path }, body: { on: day } })),
    onSuccess: refresh,
    onError: (error) => form.fromError(error),
  });
  const unmark = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/spaces/{space_id}/prompts/{prompt_id}/talked", { params: { path } })),
    onSuccess: refresh,
    onError: (error) => form.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = day === "" ? [{ field: "on", message: "Choose the day you talked about it." }] : [];
    if (form.validate(errors)) mark.mutate();
  }

  return (
    <section className="card card--quiet" aria-labelledby={headingId}>
      <h2 id={headingId}>We talked about this</h2>
      <ErrorSummary message={form.message} errors={form.errors} />
      {prompt.talked_on ? (
        <p>
          You marked it as talked about on {formatDate(prompt.talked_on)}.{" "}
          <Button variant="link" busy={unmark.isPending} onClick={() => unmark.mutate()}>
            Remove the mark
          </Button>
        </p>
      ) : (
        <form className="form" noValidate onSubmit={submit}>
          <Field
            label="The day you talked about it"
            name="on"
            type="date"
            value={day}
            max={localToday()}
            onChange={setDay}
            error={form.fieldError("on")}
          />
          <Button type="submit" variant="secondary" busy={mark.isPending}>
            Mark as talked about
          </Button>
        </form>
      )}
    </section>
  );
}

export function PromptPage() {
  const { promptId = "" } = useParams();
  const { spaceId, partnerName } = useCurrentSpace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const prompt = useQuery(promptQueries.one(spaceId, promptId));
  const start = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/spaces/{space_id}/conversations", {
          params: { path: { space_id: spaceId } },
          body: { prompt_id: promptId },
        }),
      ),
    onSuccess: (conversation) => {
      queryClient.setQueryData(["conversations", spaceId, conversation.id], conversation);
      void navigate(`/space/conversations/${conversation.id}`);
    },
    onError: (error) => form.fromError(error),
  });

  if (!prompt.isSuccess) {
    const gone = (
      <Page title="Prompt not found">
        <p>This prompt isn't in the library any more.</p>
        <Link to="/space/prompts">Back to the prompts</Link>
      </Page>
    );
    const back = { to: "/space/prompts", label: "Back to the prompts" };
    return <QueryFallback title="Prompt" loading="Loading the prompt…" queries={[prompt]} notFound={gone} back={back} />;
  }
  const p = prompt.data;
  return (
    <Page title={p.text} documentTitle="Conversation prompt">
      <p className="prompt__meta">
        <span>{p.category_title}</span>
        <span className={`depth depth--${p.depth}`}>{depthLabel(p.depth)}</span>
      </p>
      {p.follow_up ? <p className="prompt__follow-up">And then: {p.follow_up}</p> : null}
      <GuideLink to={GUIDE_FOR_PROMPT_CATEGORY[p.category] ?? GUIDE_FOR.prompts}>The guide behind this prompt</GuideLink>
      <div className="card">
        <ErrorSummary message={form.message} errors={form.errors} title="This didn't work" />
        <p>
          Each of you writes an answer on your own. Neither sees the other's until you've both answered; then both
          appear together. {partnerName} sees that you've answered, never what, until then.
        </p>
        <div className="actions">
          <Button busy={start.isPending} onClick={() => start.mutate()}>
            Answer separately, reveal together
          </Button>
          <FavouriteButton spaceId={spaceId} prompt={p} />
        </div>
      </div>
      <TalkedAbout spaceId={spaceId} prompt={p} />
      <p>
        <Link to="/space/prompts">Back to the prompts</Link>
      </p>
    </Page>
  );
}
