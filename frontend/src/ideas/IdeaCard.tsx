import type { ReactNode } from "react";
import { CATEGORY_LABEL, closenessText, durationText } from "./labels";
import type { Idea } from "./types";
import "./ideas.css";

interface IdeaCardProps {
  idea: Idea;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}

/** One idea: what it is, how close, how long, what you need. */
export function IdeaCard({ idea, headingLevel = 3, children }: IdeaCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card idea" aria-label={idea.title}>
      <Heading className="idea__title">{idea.title}</Heading>
      <ul className="idea__meta" aria-label="About this idea">
        <li className="idea__tag">{CATEGORY_LABEL[idea.category]}</li>
        <li className={`idea__tag idea__tag--level${idea.closeness}`}>{closenessText(idea.closeness)}</li>
        <li className="idea__tag">{durationText(idea.duration_minutes)}</li>
        {idea.custom ? <li className="idea__tag">{idea.added_by_me ? "Added by you" : "Added by your partner"}</li> : null}
      </ul>
      {idea.description ? <p className="idea__description">{idea.description}</p> : null}
      {idea.needs.length > 0 ? (
        <p className="idea__needs">
          <span className="idea__needs-label">You'll need: </span>
          {idea.needs.join(", ")}
        </p>
      ) : null}
      {idea.set_aside ? (
        <p className="idea__aside">
          Set aside for now: it involves something one of you has marked "not right now". It won't show up in your
          matches or suggestions until that changes.
        </p>
      ) : null}
      {children}
    </article>
  );
}
