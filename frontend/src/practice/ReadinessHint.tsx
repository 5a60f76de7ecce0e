import { Link } from "../router";
import { sizeName } from "./labels";
import type { Overview } from "./types";

/** A hint, never a push. It appears only when the rule is met and the patient hasn't switched it off. */
export function ReadinessHint({ overview }: { overview: Overview }) {
  const ready = overview.readiness;
  if (!ready) return null;
  const rule = overview.rule;
  return (
    <div className="practice-note practice-note--hint">
      <p className="practice-note__title">Something you might consider, when you feel ready</p>
      <p>
        Your last {ready.sessions} sessions with {sizeName(ready.size_label)} were held at least {rule.min_minutes}{" "}
        minutes, with pain at {rule.max_pain} or below and anxiety at {rule.max_anxiety} or below. Trying{" "}
        {sizeName(ready.next_size_label)} may be worth it when you feel ready. There's no rush: staying with{" "}
        {sizeName(ready.size_label)} for as long as you like is just as good.
      </p>
      <p className="muted">
        The anxiety scale is a way to notice how you feel, not a test to pass. If you're unsure, ask your clinician or
        pelvic-floor physiotherapist. <Link to="/practice/setup#hint">Change or switch off this hint</Link>
      </p>
    </div>
  );
}
