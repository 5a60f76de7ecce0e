import { levelLabel, LEVELS } from "./levels";
import type { BoundariesOverview, MemberBoundaries } from "./types";

interface SummaryProps {
  overview: BoundariesOverview;
  marked: Set<string>;
  headingLevel?: "h3" | "h4";
}

function MemberList({ member, titles, marked, H }: { member: MemberBoundaries; titles: Map<string, string>; marked: Set<string>; H: "h3" | "h4" }) {
  const name = member.is_me ? "You" : member.display_name;
  const set = member.boundaries.filter((b) => titles.has(b.activity_id));
  return (
    <div className="boundaries-summary__member">
      <H>{name}</H>
      {set.length === 0 ? (
        <p className="muted">{member.is_me ? "You haven't set any boundaries yet." : "Nothing set yet."}</p>
      ) : (
        <ul className="boundaries-summary__list">
          {LEVELS.flatMap((level) =>
            set
              .filter((b) => b.level === level.value)
              .map((b) => {
                const isMarked = marked.has(`${member.user_id}:${b.activity_id}`);
                return (
                  <li key={b.activity_id} className={`boundary boundary--${b.level}`}>
                    <span className="boundary__activity">{titles.get(b.activity_id)}</span>
                    <span className="boundary__level">{levelLabel(b.level)}</span>
                    {isMarked ? <span className="boundary__changed">Changed since you last looked</span> : null}
                  </li>
                );
              }),
          )}
        </ul>
      )}
    </div>
  );
}

/** Both members' current boundaries, grouped by level, with the partner's recent changes marked. */
export function BoundariesSummary({ overview, marked, headingLevel = "h3" }: SummaryProps) {
  const titles = new Map(overview.activities.map((a) => [a.id, a.title]));
  return (
    <div className="boundaries-summary">
      {overview.members.map((member) => (
        <MemberList key={member.user_id} member={member} titles={titles} marked={marked} H={headingLevel} />
      ))}
    </div>
  );
}
