import type { Overview } from "./types";
import { sizeName } from "./labels";

/** After a break: a warm hello and a comfortable place to start. Never how long the break was. */
export function WelcomeBack({ overview }: { overview: Overview }) {
  const welcome = overview.welcome_back;
  if (!welcome) return null;
  return (
    <div className="practice-note practice-note--welcome">
      <p className="practice-note__title">Welcome back.</p>
      <p>
        Breaks, dips and plateaus are a normal part of this, and picking it up again is what counts.
        {welcome.size_label
          ? ` When you're ready, you could start again with ${sizeName(welcome.size_label)}, or whichever size feels comfortable today.`
          : " When you're ready, start with whatever feels comfortable today."}
      </p>
    </div>
  );
}
