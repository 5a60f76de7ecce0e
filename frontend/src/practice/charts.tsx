/** The progress charts, drawn with the chart module (ui/chart.tsx); series colours in practice.css. */
import {
  ChartFigure,
  DataTable,
  Dots,
  floorY,
  Gridlines,
  Line,
  plotHeight,
  plotWidth,
  TimeAxis,
  timeScale,
  valueScale,
  type Frame,
  type Point,
} from "../ui/chart";
import { formatDateTime } from "../ui/format";
import { parseDay, shortDay } from "./time";
import type { DilatorPoint, Size, Week } from "./types";

const FRAME: Frame = { width: 360, height: 200, left: 30, right: 12, top: 12, bottom: 30 };

/** The period's days, from the start of `start` to the end of `end`, across the plot. */
function dayScale(start: string, end: string) {
  const endDay = parseDay(end);
  endDay.setDate(endDay.getDate() + 1);
  return timeScale(FRAME, parseDay(start).getTime(), endDay.getTime());
}

/** A size label that fits the chart's left margin (three characters): the label itself, its first word, or S1, S2… */
export function shortSizeLabel(label: string, index: number): string {
  const trimmed = label.trim();
  if (trimmed.length <= 3) return trimmed;
  const first = trimmed.split(/[\s(/,-]+/)[0] ?? "";
  if (first.length > 0 && first.length <= 3 && first !== trimmed) return first;
  return `S${index + 1}`;
}

/** Pain and anxiety (0–10) of each dilator session over the period. */
export function PainAnxietyChart({ points, start, end }: { points: DilatorPoint[]; start: string; end: string }) {
  const x = dayScale(start, end);
  const y = valueScale(FRAME, 0, 10);
  const pain: Point[] = points
    .filter((p) => p.pain !== null)
    .map((p) => ({ x: x(p.practised_at), y: y(p.pain ?? 0), key: p.entry_id }));
  const anxiety: Point[] = points
    .filter((p) => p.anxiety !== null)
    .map((p) => ({ x: x(p.practised_at), y: y(p.anxiety ?? 0), key: p.entry_id }));
  return (
    <ChartFigure
      frame={FRAME}
      caption="Pain and anxiety in dilator sessions"
      title="Pain and anxiety in dilator sessions"
      description={`${points.length} sessions between ${shortDay(start)} and ${shortDay(end)}, each rated from 0 to 10.`}
      legend={
        <p className="chart__legend">
          <span className="chart__key chart__key--pain">Pain (circles)</span>
          <span className="chart__key chart__key--anxiety">Anxiety (squares)</span>
        </p>
      }
      table={
        <DataTable
          columns={["When", "Size", "Pain", "Anxiety"]}
          rows={points.map((p) => ({
            key: p.entry_id,
            cells: [formatDateTime(p.practised_at), p.size_label ?? "–", p.pain ?? "not rated", p.anxiety ?? "not rated"],
          }))}
        />
      }
    >
      <Gridlines frame={FRAME} y={y} values={[0, 5, 10]} />
      <TimeAxis frame={FRAME} start={shortDay(start)} end={shortDay(end)} />
      <Line points={pain} className="chart__line--pain" />
      <Line points={anxiety} className="chart__line--anxiety" />
      <Dots points={pain} className="chart__dot--pain" />
      <Dots points={anxiety} className="chart__dot--anxiety" shape="square" size={3.5} />
    </ChartFigure>
  );
}

/** Which size each dilator session used, over the period. */
export function SizesChart({ points, sizes, start, end }: { points: DilatorPoint[]; sizes: Size[]; start: string; end: string }) {
  const used = new Set(points.map((p) => p.size_id));
  const rows = sizes.filter((s) => !s.retired || used.has(s.id)).sort((a, b) => a.position - b.position);
  const x = dayScale(start, end);
  // One row per size, smallest at the bottom (a single size sits in the middle).
  const step = rows.length > 1 ? plotHeight(FRAME) / (rows.length - 1) : 0;
  const rowY = new Map(
    rows.map((s, i) => [s.id, floorY(FRAME) - i * step - (rows.length > 1 ? 0 : plotHeight(FRAME) / 2)]),
  );
  const dots: Point[] = points
    .filter((p) => p.size_id && rowY.has(p.size_id))
    .map((p) => ({ x: x(p.practised_at), y: rowY.get(p.size_id ?? "") ?? 0, key: p.entry_id }));
  // Labels never run off the chart: long ones are shown by a short name, spelled out under it and in the table.
  const firstTry = rows.map((s, i) => shortSizeLabel(s.label, i));
  const short = rows.map((s, i) => ({
    id: s.id,
    label: s.label,
    // Two sizes that would share a short name get S1, S2… instead.
    short: firstTry.filter((x) => x === firstTry[i]).length > 1 ? `S${i + 1}` : (firstTry[i] ?? `S${i + 1}`),
  }));
  const labels = new Map(short.map((s) => [rowY.get(s.id) ?? 0, s.short]));
  const abbreviated = short.filter((s) => s.short !== s.label);
  return (
    <ChartFigure
      frame={FRAME}
      caption="Sizes practised"
      title="Sizes practised"
      description={`The size used in each of ${points.length} dilator sessions, smallest size at the bottom.`}
      legend={
        abbreviated.length > 0 ? (
          <p className="chart__legend chart__legend--sizes">
            {abbreviated.map((s) => (
              <span key={s.id}>
                {s.short}: {s.label}
              </span>
            ))}
          </p>
        ) : undefined
      }
      table={
        <DataTable
          columns={["When", "Size", "Minutes"]}
          rows={points.map((p) => ({
            key: p.entry_id,
            cells: [formatDateTime(p.practised_at), p.size_label ?? "–", p.minutes],
          }))}
        />
      }
    >
      <Gridlines frame={FRAME} y={(rowPosition) => rowPosition} values={[...labels.keys()]} label={(rowPosition) => labels.get(rowPosition) ?? ""} />
      <TimeAxis frame={FRAME} start={shortDay(start)} end={shortDay(end)} />
      <Line points={dots} className="chart__line--size" />
      <Dots points={dots} className="chart__dot--size" size={4.5} />
    </ChartFigure>
  );
}

/** Practice days per week. Weeks without practice are simply empty: no marks, nothing broken. */
export function WeeksChart({ weeks }: { weeks: Week[] }) {
  const y = valueScale(FRAME, 0, 7);
  const band = plotWidth(FRAME) / Math.max(1, weeks.length);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 5));
  return (
    <ChartFigure
      frame={FRAME}
      caption="Practice days per week"
      title="Practice days per week"
      description={`Days with any practice in each of ${weeks.length} weeks, from 0 to 7.`}
      table={
        <DataTable
          columns={["Week of", "Days with practice"]}
          rows={weeks.map((w) => ({ key: w.week_start, cells: [shortDay(w.week_start), w.practice_days] }))}
        />
      }
    >
      <Gridlines frame={FRAME} y={y} values={[0, 7]} />
      {weeks.map((w, i) => {
        const barX = FRAME.left + i * band + band * 0.15;
        return (
          <g key={w.week_start}>
            {w.practice_days > 0 ? (
              <rect
                className="chart__bar"
                x={barX}
                y={y(w.practice_days)}
                width={band * 0.7}
                height={floorY(FRAME) - y(w.practice_days)}
                rx="2"
              />
            ) : null}
            {i % labelEvery === 0 ? (
              <text className="chart__tick" x={barX + band * 0.35} y={FRAME.height - 10} textAnchor="middle">
                {shortDay(w.week_start)}
              </text>
            ) : null}
          </g>
        );
      })}
      <TimeAxis frame={FRAME} />
    </ChartFigure>
  );
}
