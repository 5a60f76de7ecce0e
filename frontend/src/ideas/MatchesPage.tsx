import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useSpaceEvents } from "../events/useSpaceEvents";
import { useMarkMatchesSeen } from "./useMarkMatchesSeen";
import { Link } from "../router";
import { describeProblem, problemOf } from "../api/problem";
import { ProposePlanForm } from "../plans/ProposePlanForm";
import { Button } from "../ui/Button";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { IdeaCard } from "./IdeaCard";
import { IdeasNav } from "./IdeasNav";
import type { Idea } from "./types";
import "./ideas.css";
import { ideaQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

function MatchGroup({ title, hint, ideas, newIds, planning, onPlan }: {
  title: string;
  hint: string;
  ideas: Idea[];
  newIds: ReadonlySet<string>;
  planning: string | null;
  onPlan: (ideaId: string | null) => void;
}) {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="matches__group">
      <h2 id={headingId}>{title}</h2>
      <p className="muted">{hint}</p>
      {ideas.length === 0 ? <p>Nothing here yet.</p> : null}
      <div className="idea-list">
        {ideas.map((idea) => (
          <IdeaCard key={idea.id} idea={idea}>
            {newIds.has(idea.id) ? <p className="match-new">New match</p> : null}
            {planning === idea.id ? (
              <ProposePlanForm spaceId={spaceId} ideaId={idea.id} ideaTitle={idea.title} onCancel={() => onPlan(null)} />
            ) : (
              <Button variant="secondary" onClick={() => onPlan(idea.id)}>
                Plan this<span className="visually-hidden">: {idea.title}</span>
              </Button>
            )}
          </IdeaCard>
        ))}
      </div>
    </section>
  );
}

export function MatchesPage() {
  const { spaceId } = useCurrentSpace();
  const [planning, setPlanning] = useState<string | null>(null);
  useSpaceEvents(spaceId);
  const matches = useQuery(ideaQueries.matches(spaceId));
  const newIds = useMarkMatchesSeen(spaceId, matches.data?.new_ids);
  const problem = problemOf(matches.error);

  return (
    <Page
      title="Your matches"
      lead="Ideas you both answered yes or maybe to, gentlest first. Either of you can suggest a time; there's never any obligation."
    >
      <IdeasNav />
      <ErrorSummary title="We couldn't load your matches" message={problem ? describeProblem(problem) : null} />
      {matches.isPending ? <Loading label="Loading your matches…" /> : null}
      {matches.data ? (
        matches.data.both_yes.length + matches.data.open_to_it.length === 0 ? (
          <section className="card card--quiet">
            <h2>No matches yet</h2>
            <p>
              Matches appear when you've both answered yes or maybe to the same idea. Answers take effect straight away,
              and nobody sees anything else.
            </p>
            <Link className="button button--primary" to="/space/ideas/rate">
              Rate a few ideas
            </Link>
          </section>
        ) : (
          <>
            <MatchGroup
              title="Both said yes"
              hint="You both said yes to these."
              ideas={matches.data.both_yes}
              newIds={newIds}
              planning={planning}
              onPlan={setPlanning}
            />
            <MatchGroup
              title="Open to it"
              hint="At least one of you said maybe: worth a gentle chat first."
              ideas={matches.data.open_to_it}
              newIds={newIds}
              planning={planning}
              onPlan={setPlanning}
            />
          </>
        )
      ) : null}
    </Page>
  );
}
