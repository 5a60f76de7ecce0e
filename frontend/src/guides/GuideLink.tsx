import { Link } from "../router";
import "./guides.css";

/** A quiet pointer to the guide that explains the page it sits on. */
export function GuideLink({ to, children }: { to: string; children: string }) {
  return (
    <p className="guide-link">
      <Link to={to}>{children}</Link>
    </p>
  );
}
