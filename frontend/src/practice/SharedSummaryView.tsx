import { useId, type ReactNode } from "react";
import { formatDate } from "../ui/format";
import { periodText } from "./time";
import type { SharedSummary } from "./types";

interface SharedSummaryViewProps {
  summary: SharedSummary;
  authorName: string;
  /** Reactions and their buttons, below the summary. */
  children?: ReactNode;
}

/**
 * A published summary as the partner sees it. The patient's preview renders this same component with
 * the same data shape (from the preview route), so what they check is exactly what is shared.
 */
export function SharedSummaryView({ summary, authorName, children }: SharedSummaryViewProps) {
  const headingId = useId();
  return (
    <article className="card shared-summary" aria-labelledby={headingId}>
      <h2 id={headingId} className="shared-summary__title">
        {authorName}'s practice, {periodText(summary.period_start, summary.period_end)}
      </h2>
      <p className="muted shared-summary__meta">
        Shared on {formatDate(summary.published_at)}
        {summary.updated ? " (updated)" : ""}
      </p>
      {summary.message ? <p className="shared-summary__message">{summary.message}</p> : null}
      {summary.lines.length > 0 ? (
        <ul className="shared-summary__lines">
          {summary.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}
