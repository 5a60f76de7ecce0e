import { useEffect, useId, useState } from "react";

import { prefersReducedMotion } from "./clock";
import { Select } from "../ui/Field";

const R_MIN = 34;
const R_MAX = 84;

function ease(t: number): number {
  return 0.5 - Math.cos(Math.PI * t) / 2;
}

interface BreathingPacerProps {
  inhale: number;
  exhale: number;
  onTiming: (inhale: number, exhale: number) => void;
  /** 1 in real time; smaller runs faster (tests). */
}

/** A calm circle that grows while breathing in and shrinks while breathing out. */
export function BreathingPacer({ inhale, exhale, onTiming }: BreathingPacerProps) {
  const titleId = useId();
  const [start] = useState(() => performance.now());
  const [now, setNow] = useState(start);
  const still = prefersReducedMotion();

  useEffect(() => {
    let frame = 0;
    const step = () => {
      setNow(performance.now());
      frame = window.requestAnimationFrame(step);
    };
    frame = window.requestAnimationFrame(step);
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const cycle = (inhale + exhale) * 1000;
  const into = (now - start) % cycle;
  const inhaling = into < inhale * 1000;
  const progress = inhaling ? into / (inhale * 1000) : 1 - (into - inhale * 1000) / (exhale * 1000);
  const radius = still ? (R_MIN + R_MAX) / 2 : R_MIN + (R_MAX - R_MIN) * ease(progress);

  return (
    <div className="pacer">
      <svg className="pacer__svg" viewBox="0 0 200 200" role="img" aria-labelledby={titleId}>
        <title id={titleId}>
          {`A circle that grows for ${inhale} seconds as you breathe in and shrinks for ${exhale} seconds as you breathe out`}
        </title>
        <circle className="pacer__guide" cx="100" cy="100" r={R_MAX} />
        <circle className="pacer__circle" cx="100" cy="100" r={radius} />
      </svg>
      <p className="pacer__phase" aria-hidden="true">
        {inhaling ? "Breathe in" : "Breathe out"}
      </p>
      <div className="pacer__timing">
        <Select<string>
          label="Breathe in for"
          name="inhale"
          value={String(inhale)}
          onChange={(value) => onTiming(Number(value), exhale)}
          options={range(2, 10).map((n) => ({ value: String(n), label: `${n} seconds` }))}
        />
        <Select<string>
          label="Breathe out for"
          name="exhale"
          value={String(exhale)}
          onChange={(value) => onTiming(inhale, Number(value))}
          options={range(2, 12).map((n) => ({ value: String(n), label: `${n} seconds` }))}
        />
      </div>
    </div>
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
