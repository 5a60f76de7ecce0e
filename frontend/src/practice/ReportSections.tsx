/** The report's sections, shared by the patient's printable report and the page a clinician link opens. */
import { useId } from "react";
import { formatDate, formatDateTime } from "../ui/format";
import { PainAnxietyChart, SizesChart, WeeksChart } from "./charts";
import { DEPTH_LABEL, GOAL_STATUS_LABEL, KIND_LABEL } from "./labels";
import type { Entry, Goal, Progress } from "./types";

export function GoalsSection({ goals }: { goals: Goal[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="report__section">
      <h2 id={headingId}>Goals</h2>
      {goals.length === 0 ? (
        <p>No goals noted.</p>
      ) : (
        <table className="report__table">
          <thead>
            <tr>
              <th scope="col">Goal</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {goals.map((goal) => (
              <tr key={goal.id}>
                <td>{goal.title}</td>
                <td>
                  {GOAL_STATUS_LABEL[goal.status]}
                  {goal.reached_at ? ` (${formatDate(goal.reached_at)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ChartsSection({ progress }: { progress: Progress }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="report__section report__charts">
      <h2 id={headingId}>Charts</h2>
      {progress.dilator_sessions.length > 0 ? (
        <>
          <PainAnxietyChart points={progress.dilator_sessions} start={progress.start} end={progress.end} />
          <SizesChart
            points={progress.dilator_sessions}
            sizes={progress.sizes}
            start={progress.start}
            end={progress.end}
          />
        </>
      ) : null}
      {progress.practice_days > 0 ? (
        <WeeksChart weeks={progress.weeks} />
      ) : (
        <p className="chart__empty">Nothing logged yet in this period.</p>
      )}
    </section>
  );
}

export function SessionsSection({ entries, truncated }: { entries: Entry[]; truncated: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="report__section">
      <h2 id={headingId}>Sessions</h2>
      {truncated ? <p>Only the first {entries.length} entries are shown; choose a shorter period for the rest.</p> : null}
      {entries.length === 0 ? (
        <p>No sessions in this period.</p>
      ) : (
        // Scrolls sideways on a phone: focusable so keyboard users can scroll it too.
        <div className="report__scroll" tabIndex={0} role="region" aria-label="Table of sessions">
          <table className="report__table report__sessions">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Practice</th>
                <th scope="col">Minutes</th>
                <th scope="col">Size</th>
                <th scope="col">How far</th>
                <th scope="col">Pain</th>
                <th scope="col">Anxiety</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.practised_at)}</td>
                  <td>{KIND_LABEL[entry.kind]}</td>
                  <td>{entry.minutes}</td>
                  <td>{entry.size_label ?? ""}</td>
                  <td>{entry.depth ? DEPTH_LABEL[entry.depth] : ""}</td>
                  <td>{entry.kind === "dilator" ? (entry.pain ?? "not rated") : ""}</td>
                  <td>{entry.kind === "dilator" ? (entry.anxiety ?? "not rated") : ""}</td>
                  <td>{entry.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">Pain and anxiety are self-rated by the patient from 0 (none) to 10 (worst imaginable); "not rated" means the patient left the scale blank.</p>
    </section>
  );
}
