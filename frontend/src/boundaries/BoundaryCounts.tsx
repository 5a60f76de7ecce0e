import { useId, useState } from "react";
import { Button } from "../ui/Button";
import { BoundariesSummary } from "./BoundariesSummary";
import { LEVELS } from "./levels";
import type { BoundariesOverview, MemberBoundaries } from "./types";

const COUNT_WORD: Record<string, string> = { welcome: "welcome", ask_first: "ask first", not_now: "not now" };

/** "3 welcome · 1 ask first · 5 not now": how many, never which activity. */
export function countsLine(member: MemberBoundaries, known: Set<string>): string {
  const set = member.boundaries.filter((b) => known.has(b.activity_id));
  if (set.length === 0) return "nothing set yet";
  return LEVELS.map((level) => `${set.filter((b) => b.level === level.value).length} ${COUNT_WORD[level.value]}`).join(" · ");
}

/**
 * Boundaries on the space's home: only counts, with the activities behind a tap. A home screen is
 * glanced at by whoever is near; it never spells out an activity on its own.
 */
export function BoundaryCounts({ overview, marked }: { overview: BoundariesOverview; marked: Set<string> }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const known = new Set(overview.activities.map((a) => a.id));
  return (
    <div className="boundary-counts">
      <ul className="boundary-counts__list" data-testid="boundary-counts">
        {overview.members.map((member) => {
          const changed = member.boundaries.filter((b) => marked.has(`${member.user_id}:${b.activity_id}`)).length;
          return (
            <li key={member.user_id}>
              <strong>{member.is_me ? "You" : member.display_name}:</strong> {countsLine(member, known)}
              {changed > 0 ? ` · ${changed} changed since you last looked` : ""}
            </li>
          );
        })}
      </ul>
      <Button variant="link" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {open ? "Hide the details" : "Show the details"}
      </Button>
      <div id={detailsId} hidden={!open}>
        {open ? <BoundariesSummary overview={overview} marked={marked} headingLevel="h4" /> : null}
      </div>
    </div>
  );
}
