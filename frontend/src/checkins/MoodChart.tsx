import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { ChartFigure, DataTable, Dots, Gridlines, Line, TimeAxis, timeScale, valueScale, type Frame } from "../ui/chart";
import { formatDate, formatDateTime } from "../ui/format";
import { QueryStatus } from "../ui/QueryFallback";
import { checkinQueries } from "./queries";
import type { MoodPoint } from "./types";
import { moodLabel } from "./words";

const DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const FRAME: Frame = { width: 320, height: 150, left: 26, right: 8, top: 10, bottom: 24 };

function describe(points: MoodPoint[]): string {
  if (points.length === 0) return "No check-ins yet in the last 90 days.";
  const moods = points.map((p) => p.mood);
  const last = points[points.length - 1];
  const lowest = moodLabel(Math.min(...moods));
  const highest = moodLabel(Math.max(...moods));
  const range = lowest === highest ? `all ${lowest}` : `from ${lowest} to ${highest}`;
  const plural = points.length === 1 ? "check-in" : "check-ins";
  return `${points.length} ${plural} in the last ${DAYS} days, ${range}. Most recently ${last ? moodLabel(last.mood) : ""}.`;
}

/** My own mood over time: a small hand-drawn line, no scores, no streaks. Only ever mine. */
export function MoodChart({ spaceId }: { spaceId: string }) {
  const headingId = useId();
  const moods = useQuery(checkinQueries.mood(spaceId, DAYS));

  // The chart ends when the answer arrived, so drawing it again shows the same picture.
  const now = moods.dataUpdatedAt;
  const start = now - DAYS * DAY_MS;
  const x = timeScale(FRAME, start, now);
  const y = valueScale(FRAME, 1, 5);
  const points = moods.data ?? [];
  const marks = points.map((p) => ({ x: x(p.at), y: y(p.mood), key: p.at }));

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>My mood over time</h2>
      <p className="muted">Only you see this. Ups and downs are part of it.</p>
      <QueryStatus query={moods} loading="Loading your moods…" failed="We couldn't load your moods just now." />
      {moods.data && points.length === 0 ? <p className="chart__empty">Nothing logged yet.</p> : null}
      {moods.data && points.length > 0 ? (
        <ChartFigure
          className="mood-chart"
          frame={FRAME}
          title={`My mood over the last ${DAYS} days`}
          description={describe(points)}
          table={
            <DataTable
              columns={["When", "Mood"]}
              rows={points.map((p) => ({ key: p.at, cells: [formatDateTime(p.at), `${p.mood} (${moodLabel(p.mood)})`] }))}
            />
          }
        >
          <Gridlines frame={FRAME} y={y} values={[1, 2, 3, 4, 5]} />
          <TimeAxis frame={FRAME} start={formatDate(new Date(start).toISOString())} end="Today" />
          <Line points={marks} className="chart__line--mood" />
          <Dots points={marks} className="chart__dot--mood" size={3.5} />
        </ChartFigure>
      ) : null}
      <p className="mood-chart__legend muted">1 really low · 3 okay · 5 really good</p>
    </section>
  );
}
