import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { PlanSummary } from "./PlanSummary";
import "./plans.css";
import { planQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

/** The space home's view of upcoming plans. */
export function PlansHomeCard() {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  const upcoming = useQuery(planQueries.list(spaceId, "upcoming", 3));

  return (
    <section className="card plans-home" aria-labelledby={headingId}>
      <h2 id={headingId}>Time together</h2>
      {upcoming.data && upcoming.data.length > 0 ? (
        <ul className="plan-list">
          {upcoming.data.map((plan) => (
            <PlanSummary key={plan.id} plan={plan} />
          ))}
        </ul>
      ) : (
        <p className="muted">
          {upcoming.isError ? "Your plans couldn't be loaded just now." : "Nothing planned right now, and that's fine."}
        </p>
      )}
      <div className="actions">
        <Link className="button button--secondary" to="/space/ideas">
          Ideas
        </Link>
        <Link className="button button--secondary" to="/space/plans">
          Plans
        </Link>
      </div>
    </section>
  );
}
