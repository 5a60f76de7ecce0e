import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { api } from "../api/client";
import { call } from "../api/call";
import { describeProblem, problemOf } from "../api/problem";
import type { paths } from "../api/schema";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { GuideLink } from "../guides/GuideLink";
import { GUIDE_FOR } from "../guides/links";
import { IdeaCard } from "../ideas/IdeaCard";
import { IdeasNav } from "../ideas/IdeasNav";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import "./path.css";
import { pathKeys } from "./queries";

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type PathView = JsonOf<paths["/api/v1/spaces/{space_id}/path"]["get"]["responses"][200]>;
type Stage = NonNullable<PathView["stage"]>;


type Action = { kind: "turn"; on: boolean } | { kind: "ready" } | { kind: "not_yet" } | { kind: "back" };

function StageDetails({ stage }: { stage: Stage }) {
  const inId = useId();
  const outId = useId();
  const promptsId = useId();
  const ideasId = useId();
  return (
    <>
      <p>{stage.description}</p>
      <section aria-labelledby={inId}>
        <h3 id={inId}>In this stage</h3>
        <ul>
          {stage.includes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={outId}>
        <h3 id={outId}>Not in this stage</h3>
        <ul>
          {stage.excludes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {stage.guides.map((guide) => (
        <GuideLink key={guide.id} to={`/guides/${guide.id}`}>{`Guide: ${guide.title}`}</GuideLink>
      ))}
      <section aria-labelledby={promptsId}>
        <h3 id={promptsId}>To talk about</h3>
        <ul>
          {stage.prompts.map((prompt) => (
            <li key={prompt.id}>
              <Link to={`/space/prompts/${prompt.id}`}>{prompt.text}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={ideasId}>
        <h3 id={ideasId}>Ideas for this stage</h3>
        {stage.ideas.length === 0 ? <p>No ideas to show for this stage right now.</p> : null}
        <div className="idea-list">
          {stage.ideas.map((idea) => (
            <IdeaCard key={idea.id} idea={idea} headingLevel={3} />
          ))}
        </div>
      </section>
    </>
  );
}

export function PathPage() {
  const { spaceId } = useCurrentSpace();
  useSpaceEvents(spaceId);
  const queryClient = useQueryClient();
  const params = { path: { space_id: spaceId } };
  const path = useQuery({
    queryKey: pathKeys.all(spaceId),
    queryFn: () => call(api.GET("/api/v1/spaces/{space_id}/path", { params })),
  });
  const mutation = useMutation({
    mutationFn: (action: Action) => {
      switch (action.kind) {
        case "turn":
          return call(api.PUT("/api/v1/spaces/{space_id}/path/choice", { params, body: { turned_on: action.on } }));
        case "ready":
        case "not_yet":
          return call(api.PUT("/api/v1/spaces/{space_id}/path/readiness", { params, body: { answer: action.kind } }));
        case "back":
          return call(api.POST("/api/v1/spaces/{space_id}/path/step-back", { params }));
      }
    },
    onSuccess: (data) => queryClient.setQueryData(pathKeys.all(spaceId), data),
  });
  const problem = problemOf(path.error) ?? problemOf(mutation.error);
  const view = path.data;
  const stageHeading = useId();

  return (
    <Page title="Your path" lead="A gentle, optional structure for closeness, one stage at a time, at a pace you choose together.">
      <IdeasNav />
      <ErrorSummary title="Something went wrong" message={problem ? describeProblem(problem) : null} />
      {path.isPending ? <Loading label="Loading your path…" /> : null}
      {view ? (
        <>
          <p className="path__about">{view.about}</p>
          <GuideLink to={GUIDE_FOR.path}>How the path works</GuideLink>
          {view.status === "off" ? (
            <section className="card" aria-labelledby={stageHeading}>
              <h2 id={stageHeading}>The path is off</h2>
              {view.turned_on ? (
                <p role="status">
                  You've turned the path on for yourself. It starts once you've both turned it on; nobody is told who
                  did.
                </p>
              ) : (
                <p>
                  It starts only when you have both turned it on, each privately. Your partner isn't told whether you
                  have.
                </p>
              )}
              <Button
                variant={view.turned_on ? "secondary" : "primary"}
                busy={mutation.isPending}
                onClick={() => mutation.mutate({ kind: "turn", on: !view.turned_on })}
              >
                {view.turned_on ? "Turn it off for me" : "Turn the path on for me"}
              </Button>
              <h3>The stages</h3>
              <ol className="path__stages">
                {view.stages.map((stage) => (
                  <li key={stage.id}>
                    <strong>{stage.title}</strong>: {stage.summary}
                  </li>
                ))}
              </ol>
            </section>
          ) : view.stage ? (
            <>
              <section className="card" aria-labelledby={stageHeading}>
                <h2 id={stageHeading}>
                  Stage {view.stage.number} of {view.stages.length}: {view.stage.title}
                </h2>
                <StageDetails stage={view.stage} />
              </section>
              <section className="card">
                <h2>Moving on, together</h2>
                {view.has_next_stage ? (
                  <>
                    <p>
                      Only you see your answer. You move on when you've both said you're ready; until then nobody learns
                      anything about the other's answer.
                    </p>
                    <p role="status">
                      {view.my_readiness === "ready"
                        ? "You've said you feel ready for the next stage."
                        : view.my_readiness === "not_yet"
                          ? "You've said not yet. That's fine for as long as you like."
                          : "You haven't answered. There's no hurry."}
                    </p>
                    <div className="path__actions">
                      <Button
                        variant={view.my_readiness === "ready" ? "secondary" : "primary"}
                        busy={mutation.isPending}
                        onClick={() => mutation.mutate({ kind: "ready" })}
                      >
                        I feel ready for the next stage
                      </Button>
                      <Button variant="secondary" busy={mutation.isPending} onClick={() => mutation.mutate({ kind: "not_yet" })}>
                        Not yet
                      </Button>
                    </div>
                  </>
                ) : (
                  <p>This is the last stage. Stay here as long as you like; nothing beyond it is expected.</p>
                )}
                {view.can_step_back ? (
                  <>
                    <p>Either of you can go back a stage at any time, without a reason.</p>
                    <Button variant="secondary" busy={mutation.isPending} onClick={() => mutation.mutate({ kind: "back" })}>
                      Go back a stage
                    </Button>
                  </>
                ) : null}
                <GuideLink to={GUIDE_FOR.pause}>Why pausing and stepping back are part of progress</GuideLink>
                <Button variant="link" busy={mutation.isPending} onClick={() => mutation.mutate({ kind: "turn", on: false })}>
                  Turn the path off for me
                </Button>
              </section>
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
