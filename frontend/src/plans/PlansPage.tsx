import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { describeProblem, problemOf } from "../api/problem";
import { IdeasNav } from "../ideas/IdeasNav";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Loading } from "../ui/Loading";
import { Page } from "../ui/Page";
import { CalendarFeedSection } from "./CalendarFeedSection";
import { RemindersSection } from "../reminders/RemindersSection";
import { PlanSummary } from "./PlanSummary";
import "./plans.css";
import { planQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { useSpaceEvents } from "../events/useSpaceEvents";

export function PlansPage() {
  const { spaceId } = useCurrentSpace();
  useSpaceEvents(spaceId);
  const upcomingHeading = useId();
  const pastHeading = useId();
  const upcoming = useQuery(planQueries.list(spaceId, "upcoming", 50));
  const past = useQuery(planQueries.list(spaceId, "past", 50));
  const problem = problemOf(upcoming.error ?? past.error);

  return (
    <Page
      title="Plans"
      lead="Either of you can pause or cancel a plan at any time, before or during, without giving a reason."
    >
      <IdeasNav />
      <ErrorSummary title="We couldn't load your plans" message={problem ? describeProblem(problem) : null} />
      <section className="card" aria-labelledby={upcomingHeading}>
        <h2 id={upcomingHeading}>Coming up</h2>
        {upcoming.isPending ? <Loading label="Loading plans…" /> : null}
        {upcoming.data && upcoming.data.length === 0 ? (
          <p>
            Nothing planned right now. When you'd like to, pick something from <Link to="/space/ideas/matches">your matches</Link>.
          </p>
        ) : null}
        {upcoming.data && upcoming.data.length > 0 ? (
          <ul className="plan-list">
            {upcoming.data.map((plan) => (
              <PlanSummary key={plan.id} plan={plan} />
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card card--quiet" aria-labelledby={pastHeading}>
        <h2 id={pastHeading}>Earlier</h2>
        {past.data && past.data.length === 0 ? <p className="muted">Nothing here yet.</p> : null}
        {past.data && past.data.length > 0 ? (
          <>
            <p className="muted">After a plan's time, you can each note privately how it felt.</p>
            <ul className="plan-list">
              {past.data.map((plan) => (
                <PlanSummary key={plan.id} plan={plan} />
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <CalendarFeedSection spaceId={spaceId} />
      <RemindersSection spaceId={spaceId} />
    </Page>
  );
}
