import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "../router";
import { describeProblem, problemOf } from "../api/problem";
import { Button } from "../ui/Button";
import { ErrorSummary, StatusMessage } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { IdeaCard } from "./IdeaCard";
import { IdeasNav } from "./IdeasNav";
import { RATING_LABEL } from "./labels";
import { useRate } from "./RatingControl";
import type { Rating } from "./types";
import "./ideas.css";
import { ideaQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

const BATCH = 20;
const KEYS: Record<string, Rating | "skip"> = { y: "yes", m: "maybe", n: "not_now", s: "skip" };

/** "Rate a few": one card at a time, ideas you have not answered yet, gentlest first. */
export function RateAFewPage() {
  const { spaceId } = useCurrentSpace();
  const card = useRef<HTMLDivElement>(null);
  const [done, setDone] = useState<Set<string>>(() => new Set());
  const [answered, setAnswered] = useState(0);
  const [status, setStatus] = useState<string | null>(null);

  const queue = useQuery(ideaQueries.queue(spaceId, BATCH));
  const rate = useRate();

  const waiting = (queue.data ?? []).filter((idea) => !done.has(idea.id));
  const current = waiting[0];

  useEffect(() => {
    // The next card takes the focus, so keyboard and screen-reader users carry on where they are.
    if (answered > 0 || done.size > 0) card.current?.focus();
  }, [current?.id, answered, done.size]);

  function next(ideaId: string) {
    setDone((previous) => new Set(previous).add(ideaId));
  }

  function answer(value: Rating | "skip") {
    if (!current || rate.isPending) return;
    const idea = current;
    if (value === "skip") {
      setStatus(`Skipped "${idea.title}" for now.`);
      next(idea.id);
      return;
    }
    rate.mutate(
      { ideaId: idea.id, value },
      {
        onSuccess: () => {
          setAnswered((count) => count + 1);
          setStatus(`You answered ${RATING_LABEL[value]} to "${idea.title}".`);
          next(idea.id);
        },
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = KEYS[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      answer(action);
    }
  }

  const problem = problemOf(queue.error ?? rate.error);

  return (
    <Page
      title="Rate a few"
      lead="One idea at a time. Your answers stay private: your partner only ever sees the ideas you both like."
    >
      <IdeasNav />
      <ErrorSummary title="That didn't work" message={problem ? describeProblem(problem) : null} />
      <StatusMessage>{status}</StatusMessage>
      {queue.isPending ? <Loading label="Finding ideas…" /> : null}
      {queue.data && current ? (
        <div className="rate-few" ref={card} tabIndex={-1} onKeyDown={onKeyDown} role="group" aria-label="Idea to answer">
          <IdeaCard idea={current} headingLevel={2}>
            <div className="rate-few__buttons" role="group" aria-label={`Your answer to ${current.title}`}>
              <Button className="rate-few__button" busy={rate.isPending} onClick={() => answer("yes")}>
                Yes
              </Button>
              <Button className="rate-few__button" variant="secondary" busy={rate.isPending} onClick={() => answer("maybe")}>
                Maybe
              </Button>
              <Button
                className="rate-few__button"
                variant="secondary"
                busy={rate.isPending}
                onClick={() => answer("not_now")}
              >
                Not now
              </Button>
            </div>
            <Button variant="link" onClick={() => answer("skip")}>
              Skip for now
            </Button>
            <p className="muted rate-few__keys">
              With a keyboard: <kbd>Y</kbd> yes, <kbd>M</kbd> maybe, <kbd>N</kbd> not now, <kbd>S</kbd> skip.
            </p>
          </IdeaCard>
        </div>
      ) : null}
      {queue.data && !current ? (
        <section className="card card--quiet">
          <h2>That's all for now</h2>
          <p>
            {answered > 0
              ? `You answered ${answered} ${answered === 1 ? "idea" : "ideas"}. Thank you. There's no hurry with the rest.`
              : "There are no ideas waiting for an answer right now."}
          </p>
          <div className="actions">
            <Link className="button button--primary" to="/space/ideas/matches">
              See your matches
            </Link>
            {queue.data.length >= BATCH ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setDone(new Set());
                  void queue.refetch();
                }}
              >
                A few more
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}
    </Page>
  );
}
