/**
 * The one small chart module (no chart library): SVG drawn from scales, geometry in SVG attributes,
 * colours in CSS classes (the CSP forbids inline styles). Every chart is an image with a title and a
 * description for screen readers, and its numbers in a table one click away.
 */
import { useId, type ReactNode } from "react";
import "./chart.css";

/** The SVG's size and the margins around the plot area, in SVG units. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** One mark: where it is drawn, and a stable key (the record it stands for). */
export interface Point {
  x: number;
  y: number;
  key: string;
}

export const plotWidth = (f: Frame) => f.width - f.left - f.right;
export const plotHeight = (f: Frame) => f.height - f.top - f.bottom;
/** The y of the plot's floor. */
export const floorY = (f: Frame) => f.height - f.bottom;

/** Instants (ms since the epoch) from `t0` to `t1` across the plot's width. */
export function timeScale(f: Frame, t0: number, t1: number): (iso: string) => number {
  return (iso) => f.left + ((new Date(iso).getTime() - t0) / Math.max(1, t1 - t0)) * plotWidth(f);
}

/** Values from `min` (the floor) to `max` (the top) across the plot's height. */
export function valueScale(f: Frame, min: number, max: number): (value: number) => number {
  return (value) => f.top + (1 - (value - min) / Math.max(1e-9, max - min)) * plotHeight(f);
}

interface FigureProps {
  frame: Frame;
  /** The image's accessible name (its SVG title). */
  title: string;
  /** A sentence saying what the picture shows. */
  description: string;
  /** A visible caption above the chart, when no heading names it already. */
  caption?: string;
  legend?: ReactNode;
  /** The numbers behind the picture (see DataTable). */
  table: ReactNode;
  className?: string;
  children: ReactNode;
}

export function ChartFigure({ frame, title, description, caption, legend, table, className, children }: FigureProps) {
  const titleId = useId();
  const descId = useId();
  return (
    <figure className={className ? `chart ${className}` : "chart"}>
      {caption ? <figcaption className="chart__caption">{caption}</figcaption> : null}
      <svg
        className="chart__svg"
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
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

/** Horizontal lines at the given values, labelled at the left. */
export function Gridlines({ frame, y, values, label = String }: {
  frame: Frame;
  y: (value: number) => number;
  values: number[];
  label?: (value: number) => string;
}) {
  return (
    <g className="chart__grid">
      {values.map((value) => (
        <g key={value}>
          <line x1={frame.left} x2={frame.width - frame.right} y1={y(value)} y2={y(value)} />
          <text x={frame.left - 6} y={y(value) + 4} textAnchor="end">
            {label(value)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The floor line, with the first and last labels of the time axis under its ends. */
export function TimeAxis({ frame, start, end }: { frame: Frame; start?: string; end?: string }) {
  const labelY = frame.height - Math.round(frame.bottom / 3);
  return (
    <g className="chart__axis">
      <line x1={frame.left} x2={frame.width - frame.right} y1={floorY(frame)} y2={floorY(frame)} />
      {start ? (
        <text x={frame.left} y={labelY} textAnchor="start">
          {start}
        </text>
      ) : null}
      {end ? (
        <text x={frame.width - frame.right} y={labelY} textAnchor="end">
          {end}
        </text>
      ) : null}
    </g>
  );
}

/** A line through the points (drawn once there are two). */
export function Line({ points, className }: { points: Point[]; className: string }) {
  if (points.length < 2) return null;
  return <polyline className={`chart__line ${className}`} points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ")} />;
}

/** A mark on each point: circles, or squares for a second series (shape, not only colour, tells them apart). */
export function Dots({ points, className, shape = "circle", size = 4 }: {
  points: Point[];
  className: string;
  shape?: "circle" | "square";
  size?: number;
}) {
  return (
    <>
      {points.map((p) =>
        shape === "circle" ? (
          <circle key={p.key} className={`chart__dot ${className}`} cx={p.x} cy={p.y} r={size} />
        ) : (
          <rect key={p.key} className={`chart__dot ${className}`} x={p.x - size} y={p.y - size} width={size * 2} height={size * 2} />
        ),
      )}
    </>
  );
}

/** The numbers of a chart as a table: one header row, then one row per record. */
export function DataTable({ columns, rows }: { columns: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <table className="chart__table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) => (
              // The columns are fixed, so a cell's position is its identity.
              // eslint-disable-next-line @eslint-react/no-array-index-key
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
