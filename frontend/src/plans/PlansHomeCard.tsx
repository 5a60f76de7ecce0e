import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { call } from "../api/call";
import { useUser } from "../app/auth";
import { PlanSummary } from "./PlanSummary";
import { plansKey } from "./queries";
import "./plans.css";

/** The space home's view of upcoming plans. */
export function PlansHomeCard() {
  const spaceId = useUser().membership?.space_id ?? "";
  const headingId = useId();
  const upcoming = useQuery({
    queryKey: [...plansKey(spaceId), "upcoming", 3],
    queryFn: () =>
      call(
        api.GET("/api/v1/spaces/{space_id}/plans", {
          params: { path: { space_id: spaceId }, query: { when: "upcoming", limit: 3 } },
        }),
      ).then((page) => page.items),
    enabled: spaceId !== "",
  });

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
