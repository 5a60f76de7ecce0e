import { useId } from "react";
import { Link } from "../router";
import { useCurrentSpace } from "../spaces/useCurrentSpace";
import { KIND_ORDER } from "./labels";
import type { PracticeKind } from "./types";
import "./practice.css";

/** Short names for the tile's buttons (the form says them in full). */
const TILE_LABEL: Record<PracticeKind, string> = {
  dilator: "Dilator",
  breathing: "Breathing",
  pelvic_floor_release: "Pelvic-floor release",
  mindfulness: "Mindfulness",
  stretching: "Stretching",
};

/**
 * The first thing on the patient's home: one tap on a kind of practice opens its entry, filled in
 * from last time. Nothing for the partner (the journal is the patient's own).
 */
export function QuickLogTile() {
  const { isPatient } = useCurrentSpace();
  const headingId = useId();
  if (!isPatient) return null;
  return (
    <section className="card quick-log" aria-labelledby={headingId}>
      <h2 id={headingId}>Log practice</h2>
      <ul className="quick-log__kinds">
        {KIND_ORDER.map((kind) => (
          <li key={kind} className={kind === "dilator" ? "quick-log__kind quick-log__kind--main" : "quick-log__kind"}>
            <Link className="button button--secondary quick-log__button" to={`/practice/log?kind=${kind}`}>
              {TILE_LABEL[kind]}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
