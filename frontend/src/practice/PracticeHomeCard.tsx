import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "../router";
import { practiceQueries, summaryQueries } from "./queries";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { periodText } from "./time";
import { WelcomeBack } from "./WelcomeBack";
import "./practice.css";

/** The space home's card: quick ways into the journal for the patient; shared summaries for the partner. */
export function PracticeHomeCard() {
  const { isPatient } = useCurrentSpace();
  return isPatient ? <PatientCard /> : <PartnerCard />;
}

function PatientCard() {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  const overview = useQuery(practiceQueries.overview(spaceId));
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your practice</h2>
      <p className="muted">Private to you. Nothing here is shared unless you publish a summary.</p>
      {overview.data ? <WelcomeBack overview={overview.data} /> : null}
      <div className="actions">
        <Link className="button button--primary" to="/practice/session">
          Guided session
        </Link>
      </div>
      <ul className="practice-links">
        <li>
          <Link to="/practice">Your journal</Link>
        </li>
        <li>
          <Link to="/practice/progress">Your progress</Link>
        </li>
        <li>
          <Link to="/practice/summaries">Progress summaries</Link>
        </li>
      </ul>
    </section>
  );
}

function PartnerCard() {
  const { spaceId } = useCurrentSpace();
  const headingId = useId();
  const summaries = useQuery(summaryQueries.shared(spaceId));
  const latest = summaries.data?.[0];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Progress summaries</h2>
      {latest ? (
        <p>
          A summary for {periodText(latest.period_start, latest.period_end)} has been shared with you.{" "}
          <Link to="/summaries">Read the shared summaries</Link>
        </p>
      ) : (
        <p className="muted">
          When your partner chooses to share how their practice is going, you'll find it here. There's no
          need to ask: it's theirs to share, when and if they want to.
        </p>
      )}
    </section>
  );
}
