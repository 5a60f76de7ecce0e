import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { formatDate } from "../ui/format";
import { Loading } from "../ui/Loading";
import type { MoodPoint } from "./types";
import { moodLabel } from "./words";
import { checkinQueries } from "./queries";

const DAYS = 90;
const WIDTH = 320;
const HEIGHT = 150;
const LEFT = 26;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 24;
const DAY_MS = 24 * 60 * 60 * 1000;

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
  const titleId = useId();
  const descId = useId();
  const headingId = useId();
  const moods = useQuery(checkinQueries.mood(spaceId, DAYS));

  // The chart ends when the answer arrived, so drawing it again shows the same picture.
  const now = moods.dataUpdatedAt;
  const start = now - DAYS * DAY_MS;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (at: string) => LEFT + ((new Date(at).getTime() - start) / (now - start)) * plotWidth;
  const y = (mood: number) => TOP + ((5 - mood) / 4) * plotHeight;
  const points = moods.data ?? [];

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>My mood over time</h2>
      <p className="muted">Only you see this. Ups and downs are part of it.</p>
      {moods.isPending ? <Loading label="Loading your moods…" /> : null}
      {moods.isError ? <p>We couldn't load your moods just now.</p> : null}
      {moods.data ? (
        <svg
          className="mood-chart"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
        >
          <title id={titleId}>My mood over the last {DAYS} days</title>
          <desc id={descId}>{describe(points)}</desc>
          {[1, 2, 3, 4, 5].map((mood) => (
            <g key={mood}>
              <line className="mood-chart__grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(mood)} y2={y(mood)} />
              <text className="mood-chart__axis" x={LEFT - 6} y={y(mood) + 4} textAnchor="end">
                {mood}
              </text>
            </g>
          ))}
          <text className="mood-chart__axis" x={LEFT} y={HEIGHT - 6}>
            {formatDate(new Date(start).toISOString())}
          </text>
          <text className="mood-chart__axis" x={WIDTH - RIGHT} y={HEIGHT - 6} textAnchor="end">
            Today
          </text>
          {points.length > 1 ? (
            <polyline
              className="mood-chart__line"
              points={points.map((p) => `${x(p.at).toFixed(1)},${y(p.mood).toFixed(1)}`).join(" ")}
            />
          ) : null}
          {points.map((p) => (
            <circle key={p.at} className="mood-chart__dot" cx={x(p.at)} cy={y(p.mood)} r={3.5} />
          ))}
        </svg>
      ) : null}
      <p className="mood-chart__legend muted">1 really low · 3 okay · 5 really good</p>
    </section>
  );
}
