import { Link } from "../router";
import { statusText, whenText } from "./describe";
import type { Plan } from "./types";
import "./plans.css";

/** One plan in a list, linking to its page. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const stopped = plan.status === "paused" || plan.status === "cancelled";
  return (
    <li className={stopped ? "plan-summary plan-summary--stopped" : "plan-summary"}>
      <Link className="plan-summary__title" to={`/space/plans/${plan.id}`}>
        {plan.idea.title}
      </Link>
      <span className="plan-summary__when">{whenText(plan)}</span>
      <span className={plan.awaiting_me ? "plan-summary__status plan-summary__status--yours" : "plan-summary__status"}>
        {statusText(plan)}
      </span>
    </li>
  );
}
