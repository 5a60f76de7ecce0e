/**
 * Hand-made SVG charts (no chart library). Geometry is set with SVG attributes, colours with classes
 * in practice.css (the CSP forbids inline styles). Each chart has a text alternative: a title and
 * description for screen readers, and the numbers in a table one click away.
 */
import { useId, type ReactNode } from "react";
import { formatDateTime } from "../ui/format";
import { parseDay, shortDay } from "./time";
import type { DilatorPoint, Size, Week } from "./types";

const W = 360;
const H = 200;
const M = { left: 30, right: 12, top: 12, bottom: 30 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

function timeScale(start: string, end: string) {
  const t0 = parseDay(start).getTime();
  const endDay = parseDay(end);
  endDay.setDate(endDay.getDate() + 1);
  const t1 = endDay.getTime();
  return (iso: string) => M.left + ((new Date(iso).getTime() - t0) / Math.max(1, t1 - t0)) * PLOT_W;
}

function linear(max: number) {
  return (value: number) => M.top + (1 - value / max) * PLOT_H;
}

interface FrameProps {
  title: string;
  description: string;
  children: ReactNode;
  table: ReactNode;
  legend?: ReactNode;
}

function ChartFrame({ title, description, children, table, legend }: FrameProps) {
  const titleId = useId();
  const descId = useId();
  return (
    <figure className="chart">
      <figcaption className="chart__caption">{title}</figcaption>
      <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {children}
      </svg>
      {legend}
      <details className="chart__details">
        <summary>Show the numbers</summary>
        {table}
      </details>
    </figure>
  );
}

function DateAxis({ start, end }: { start: string; end: string }) {
  return (
    <g className="chart__axis">
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <text x={M.left} y={H - 10} textAnchor="start">
        {shortDay(start)}
      </text>
      <text x={W - M.right} y={H - 10} textAnchor="end">
        {shortDay(end)}
      </text>
    </g>
  );
}

/** x, y and the entry it stands for. */
type Point = [number, number, string];

function polyline(points: Point[]): string {
  return points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
}

/** Pain and anxiety (0–10) of each dilator session over the period. */
export function PainAnxietyChart({ points, start, end }: { points: DilatorPoint[]; start: string; end: string }) {
  const x = timeScale(start, end);
  const y = linear(10);
  const pain = points.filter((p) => p.pain !== null).map((p) => [x(p.practised_at), y(p.pain ?? 0), p.entry_id] as Point);
  const anxiety = points
    .filter((p) => p.anxiety !== null)
    .map((p) => [x(p.practised_at), y(p.anxiety ?? 0), p.entry_id] as Point);
  return (
    <ChartFrame
      title="Pain and anxiety in dilator sessions"
      description={`${points.length} sessions between ${shortDay(start)} and ${shortDay(end)}, each rated from 0 to 10.`}
      legend={
        <p className="chart__legend">
          <span className="chart__key chart__key--pain">Pain (circles)</span>
          <span className="chart__key chart__key--anxiety">Anxiety (squares)</span>
        </p>
      }
      table={
        <table className="chart__table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Size</th>
              <th scope="col">Pain</th>
              <th scope="col">Anxiety</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.entry_id}>
                <td>{formatDateTime(p.practised_at)}</td>
                <td>{p.size_label ?? "–"}</td>
                <td>{p.pain ?? "–"}</td>
                <td>{p.anxiety ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g className="chart__grid">
        {[0, 5, 10].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
      </g>
      <DateAxis start={start} end={end} />
      <polyline className="chart__line chart__line--pain" points={polyline(pain)} />
      <polyline className="chart__line chart__line--anxiety" points={polyline(anxiety)} />
      {pain.map(([cx, cy, id]) => (
        <circle key={id} className="chart__dot chart__dot--pain" cx={cx} cy={cy} r="4" />
      ))}
      {anxiety.map(([cx, cy, id]) => (
        <rect key={id} className="chart__dot chart__dot--anxiety" x={cx - 3.5} y={cy - 3.5} width="7" height="7" />
      ))}
    </ChartFrame>
  );
}

/** Which size each dilator session used, over the period. */
export function SizesChart({ points, sizes, start, end }: { points: DilatorPoint[]; sizes: Size[]; start: string; end: string }) {
  const used = new Set(points.map((p) => p.size_id));
  const rows = sizes.filter((s) => !s.retired || used.has(s.id)).sort((a, b) => a.position - b.position);
  const x = timeScale(start, end);
  const step = rows.length > 1 ? PLOT_H / (rows.length - 1) : 0;
  const rowY = new Map(rows.map((s, i) => [s.id, M.top + PLOT_H - i * step - (rows.length > 1 ? 0 : PLOT_H / 2)]));
  const dots = points
    .filter((p) => p.size_id && rowY.has(p.size_id))
    .map((p) => [x(p.practised_at), rowY.get(p.size_id ?? "") ?? 0, p.entry_id] as Point);
  return (
    <ChartFrame
      title="Sizes practised"
      description={`The size used in each of ${points.length} dilator sessions, smallest size at the bottom.`}
      table={
        <table className="chart__table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Size</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.entry_id}>
                <td>{formatDateTime(p.practised_at)}</td>
                <td>{p.size_label ?? "–"}</td>
                <td>{p.minutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g className="chart__grid">
        {rows.map((s) => (
          <g key={s.id}>
            <line x1={M.left} x2={W - M.right} y1={rowY.get(s.id)} y2={rowY.get(s.id)} />
            <text x={M.left - 6} y={(rowY.get(s.id) ?? 0) + 4} textAnchor="end">
              {s.label.length > 4 ? `${s.label.slice(0, 4)}…` : s.label}
            </text>
          </g>
        ))}
      </g>
      <DateAxis start={start} end={end} />
      <polyline className="chart__line chart__line--size" points={polyline(dots)} />
      {dots.map(([cx, cy, id]) => (
        <circle key={id} className="chart__dot chart__dot--size" cx={cx} cy={cy} r="4.5" />
      ))}
    </ChartFrame>
  );
}

/** Practice days per week. Weeks without practice are simply empty: no marks, nothing broken. */
export function WeeksChart({ weeks }: { weeks: Week[] }) {
  const y = linear(7);
  const band = PLOT_W / Math.max(1, weeks.length);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 5));
  return (
    <ChartFrame
      title="Practice days per week"
      description={`Days with any practice in each of ${weeks.length} weeks, from 0 to 7.`}
      table={
        <table className="chart__table">
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Days with practice</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week_start}>
                <td>{shortDay(w.week_start)}</td>
                <td>{w.practice_days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <g className="chart__grid">
        {[0, 7].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
      </g>
      {weeks.map((w, i) => {
        const barX = M.left + i * band + band * 0.15;
        return (
          <g key={w.week_start}>
            {w.practice_days > 0 ? (
              <rect
                className="chart__bar"
                x={barX}
                y={y(w.practice_days)}
                width={band * 0.7}
                height={M.top + PLOT_H - y(w.practice_days)}
                rx="2"
              />
            ) : null}
            {i % labelEvery === 0 ? (
              <text className="chart__tick" x={barX + band * 0.35} y={H - 10} textAnchor="middle">
                {shortDay(w.week_start)}
              </text>
            ) : null}
          </g>
        );
      })}
      <g className="chart__axis">
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      </g>
    </ChartFrame>
  );
}
