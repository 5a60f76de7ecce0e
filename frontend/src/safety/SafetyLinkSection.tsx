import { useId } from "react";
import { Link } from "../router";
import { useUser } from "../app/auth";

/** The way to "What I share now", for members of a space (the account and safety pages). */
export function SharingLink() {
  const user = useUser();
  if (!user.membership) return null;
  return (
    <p>
      <Link to="/space/sharing">What I share now, and stop sharing everything</Link>
    </p>
  );
}

/** On the account page: the way to the app lock and quick-exit settings. */
export function SafetyLinkSection() {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Safety and discretion</h2>
      <p>A PIN lock for this app, and where quick exit takes you.</p>
      <p>
        <Link to="/account/safety">App lock and quick exit</Link>
      </p>
      <SharingLink />
    </section>
  );
}
