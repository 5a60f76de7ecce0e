import { useId } from "react";
import { Button } from "../ui/Button";
import { useNow } from "./clock";

interface HoldTimerProps {
  /** Wall-clock start of the hold (ms since the epoch). */
  startedAt: number;
  minMinutes: number;
  maxMinutes: number;
  fromPlan: boolean;
  onFinish: (elapsedMs: number, stoppedEarly: boolean) => void;
}

const WIDTH = 320;

/** Session time in milliseconds since `startedAt`, from the wall clock. */
export function elapsedSince(startedAt: number, now: number): number {
  return Math.max(0, now - startedAt);
}

/**
 * The hold: elapsed time against the window, no alarm, no countdown. Time is read from the wall
 * clock on every tick and whenever the page becomes visible again, so it stays right in the
 * background or after the screen slept.
 */
export function HoldTimer({ startedAt, minMinutes, maxMinutes, fromPlan, onFinish }: HoldTimerProps) {
  const now = useNow(1000);
  const barTitle = useId();
  const elapsed = elapsedSince(startedAt, now);
  const minutes = Math.floor(elapsed / 60_000);
  const span = Math.max(maxMinutes + 5, minutes + 1);
  const x = (m: number) => (Math.min(m, span) / span) * WIDTH;
  const state = minutes < minMinutes ? "before" : minutes <= maxMinutes ? "within" : "after";
  const windowText = `${minMinutes}–${maxMinutes} minute`;

  return (
    <div className="hold">
      <p className="hold__elapsed">
        {minutes < 1 ? "Less than a minute" : minutes === 1 ? "1 minute" : `${minutes} minutes`}
      </p>
      <svg className="hold__bar" viewBox={`0 0 ${WIDTH} 50`} role="img" aria-labelledby={barTitle}>
        <title id={barTitle}>{`Your ${windowText} window, and where you are now: ${minutes} minutes`}</title>
        <rect className="hold__track" x="0" y="12" width={WIDTH} height="12" rx="6" />
        <rect className="hold__window" x={x(minMinutes)} y="12" width={x(maxMinutes) - x(minMinutes)} height="12" rx="6" />
        <text className="hold__label" x={x(minMinutes)} y="46" textAnchor="middle">
          {minMinutes}
        </text>
        <text className="hold__label" x={Math.min(WIDTH - 10, x(maxMinutes))} y="46" textAnchor="middle">
          {maxMinutes}
        </text>
        <circle className="hold__marker" cx={Math.max(8, Math.min(WIDTH - 8, x(elapsed / 60_000)))} cy="18" r="8" />
      </svg>
      <p role="status" className="hold__state">
        {state === "before"
          ? `Take your time. Your ${windowText} window starts at ${minMinutes} minutes${fromPlan ? " (from your plan)" : ""}.`
          : state === "within"
            ? `You're in your ${windowText} window. Stop whenever you're ready.`
            : "You've held past your window. Stop whenever you're ready."}
      </p>
      <p className="muted">
        Breathe slowly and let your pelvic floor soften on each breath out. If it hurts, stop: there's nothing to push
        through.
      </p>
      <div className="actions">
        <Button onClick={() => onFinish(elapsed, false)}>I'm done</Button>
      </div>
    </div>
  );
}
