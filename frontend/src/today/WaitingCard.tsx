import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { ideaQueries } from "../ideas/queries";
import { planQueries } from "../plans/queries";
import { conversationQueries } from "../prompts/queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import "./today.css";

/**
 * A quiet card on the home when something waits for this member: a partner's answer to reveal, a plan
 * to answer, a new match. Shown only when there is something; it never counts what was missed.
 */
export function WaitingCard() {
  const { spaceId, partnerName } = useCurrentSpace();
  const headingId = useId();
  const conversations = useQuery(conversationQueries.recent(spaceId));
  const plans = useQuery(planQueries.list(spaceId, "upcoming", 20));
  const matches = useQuery(ideaQueries.matches(spaceId));

  const toReveal = (conversations.data?.items ?? []).filter(
    (c) => c.state === "open" && c.partner_answered && !c.i_answered,
  );
  const toAnswer = (plans.data ?? []).filter((plan) => plan.awaiting_me);
  const newIds = new Set(matches.data?.new_ids ?? []);
  const newMatches = [...(matches.data?.both_yes ?? []), ...(matches.data?.open_to_it ?? [])].filter((idea) =>
    newIds.has(idea.id),
  );
  if (toReveal.length + toAnswer.length + newMatches.length === 0) return null;

  return (
    <section className="card card--quiet waiting" aria-labelledby={headingId}>
      <h2 id={headingId}>Waiting for you</h2>
      <ul className="waiting__list">
        {toReveal.map((c) => (
          <li key={c.id}>
            <Link to={`/space/conversations/${c.id}`}>
              {partnerName} answered “{c.prompt_text}”
            </Link>
            <span className="muted"> Answer too, whenever you like, to see both.</span>
          </li>
        ))}
        {toAnswer.map((plan) => (
          <li key={plan.id}>
            <Link to={`/space/plans/${plan.id}`}>A plan waits for your answer</Link>
          </li>
        ))}
        {newMatches.map((idea) => (
          <li key={idea.id}>
            <Link to="/space/ideas/matches">New match: {idea.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
