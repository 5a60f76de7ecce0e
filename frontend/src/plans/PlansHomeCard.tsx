import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "../router";
import { discreetLook } from "../safety/discreet";
import { Button } from "../ui/Button";
import { PlanSummary } from "./PlanSummary";
import "./plans.css";
import { planQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

/** The space home's view of upcoming plans. */
export function PlansHomeCard() {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  const upcoming = useQuery(planQueries.list(spaceId, "upcoming", 3));
  // Discreet mode: a plan's title may name an activity, so the home says only how many until tapped.
  const discreet = discreetLook() !== null;
  const [open, setOpen] = useState(false);
  const detailsId = useId();

  return (
    <section className="card plans-home" aria-labelledby={headingId}>
      <h2 id={headingId}>Time together</h2>
      {upcoming.data && upcoming.data.length > 0 ? (
        <>
          {discreet ? (
            <p>
              {upcoming.data.length === 1 ? "1 plan coming up." : `${upcoming.data.length} plans coming up.`}{" "}
              <Button variant="link" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
                {open ? "Hide the details" : "Show the details"}
              </Button>
            </p>
          ) : null}
          <div id={detailsId} hidden={discreet && !open}>
            {!discreet || open ? (
              <ul className="plan-list">
                {upcoming.data.map((plan) => (
                  <PlanSummary key={plan.id} plan={plan} />
                ))}
              </ul>
            ) : null}
          </div>
        </>
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
