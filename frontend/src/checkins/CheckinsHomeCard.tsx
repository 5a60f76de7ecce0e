import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { BoundaryCounts } from "../boundaries/BoundaryCounts";
import { useSeenMarks } from "../boundaries/useSeenMarks";
import { useSpaceEvents } from "../events/useSpaceEvents";
import "./checkins.css";
import "../boundaries/boundaries.css";
import { togetherQueries } from "./queries";
import { conversationQueries } from "../prompts/queries";
import { boundaryQueries } from "../boundaries/queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";

/** On the space's home: what's waiting for you, both members' boundaries, and the ways in. */
export function CheckinsHomeCard() {
  const { spaceId, partner, partnerName } = useCurrentSpace();
  const headingId = useId();
  const boundariesHeading = useId();
  useSpaceEvents(spaceId);

  const together = useQuery(togetherQueries.current(spaceId));
  const conversations = useQuery(conversationQueries.recent(spaceId));
  const boundaries = useQuery(boundaryQueries.overview(spaceId));
  const marked = useSeenMarks(spaceId, boundaries.data);

  const round = together.data;
  const waitingOnMe = (conversations.data?.items ?? []).filter(
    (c) => c.state === "open" && c.partner_answered && !c.i_answered,
  );

  return (
    <section className="card checkins-home" aria-labelledby={headingId}>
      <h2 id={headingId}>Checking in</h2>
      <div role="status" aria-live="polite" className="checkins-home__waiting">
        {round ? (
          <p className="invite-note">
            {round.started_by_me
              ? `You started checking in together${round.seats.some((s) => !s.is_me) ? ` and ${partnerName} is here` : ""}.`
              : `${partnerName} started checking in together.`}{" "}
            <Link to={`/space/together/${round.id}`}>{round.started_by_me ? "Go back to it" : "Join in"}</Link>
          </p>
        ) : null}
        {waitingOnMe.map((c) => (
          <p key={c.id} className="invite-note">
            {partnerName} answered “{c.prompt_text}”. Answer too, and you'll both see both.{" "}
            <Link to={`/space/conversations/${c.id}`}>Answer this prompt</Link>
          </p>
        ))}
      </div>
      <ul className="checkins-home__links">
        <li>
          <Link to="/space/checkins/new">Check in</Link>
        </li>
        {partner ? (
          <li>
            <Link to="/space/together">Check in together</Link>
          </li>
        ) : null}
        <li>
          <Link to="/space/checkins">Check-ins and my mood</Link>
        </li>
        <li>
          <Link to="/space/prompts">Conversation prompts</Link>
        </li>
      </ul>

      <h3 id={boundariesHeading}>Boundaries for now</h3>
      {boundaries.data ? (
        <BoundaryCounts overview={boundaries.data} marked={marked} />
      ) : boundaries.isError ? (
        <p>We couldn't load your boundaries just now.</p>
      ) : null}
      <p className="checkins-home__more">
        <Link to="/space/boundaries">Change my boundaries</Link>
      </p>
    </section>
  );
}
