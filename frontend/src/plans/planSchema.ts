/**
 * When a plan is for, with the server's rules (backend/tandem/plans/service.py `_timing` and
 * schemas.py): "sometime this week", or a day and time no more than five minutes past and at most
 * 366 days ahead; a note of at most 500 characters.
 */
import * as v from "valibot";
import { FEELINGS } from "./describe";
import { localToIso } from "./queries";

/** backend: plans/service.py ALLOWED_PAST */
const ALLOWED_PAST_MS = 5 * 60_000;
/** backend: plans/service.py LONGEST_AHEAD */
const LONGEST_AHEAD_MS = 366 * 24 * 60 * 60_000;
export const PLAN_NOTE_MAX = 500;

function instant(local: string): number | null {
  const iso = localToIso(local);
  return iso ? new Date(iso).getTime() : null;
}

const fields = v.object({
  choice: v.picklist(["week", "time"]),
  starts_at: v.string(),
  note: v.pipe(v.string(), v.maxLength(PLAN_NOTE_MAX, `Keep the note under ${PLAN_NOTE_MAX} characters.`)),
});
type PlanTime = v.InferOutput<typeof fields>;

/** A rule on the chosen day and time; "sometime this week" and an unreadable time pass it. */
const timed = (test: (at: number) => boolean) => (when: PlanTime) => {
  const at = when.choice === "time" ? instant(when.starts_at) : null;
  return at === null || test(at);
};

/**
 * The "When" fields and an optional note: `starts_at` is the datetime-local value, used when
 * `choice` is "time". Proposing a plan and suggesting another time both use it.
 */
export const planTimeSchema = v.pipe(
  fields,
  v.forward(
    v.check((when: PlanTime) => when.choice !== "time" || instant(when.starts_at) !== null, "Choose a day and time."),
    ["starts_at"],
  ),
  v.forward(v.check(timed((at) => at >= Date.now() - ALLOWED_PAST_MS), "Please choose a time that hasn't passed yet."), [
    "starts_at",
  ]),
  v.forward(v.check(timed((at) => at <= Date.now() + LONGEST_AHEAD_MS), "Please choose a time within the next year."), [
    "starts_at",
  ]),
);

/** Pausing or cancelling: only an optional note (plans/schemas.py PauseIn). */
export const stopSchema = v.object({
  note: v.pipe(v.string(), v.maxLength(PLAN_NOTE_MAX, `Keep the note under ${PLAN_NOTE_MAX} characters.`)),
});

export const REFLECTION_NOTE_MAX = 2000;

/** A reflection after the plan (plans/schemas.py ReflectionIn). */
export const reflectionSchema = v.object({
  // Nothing is chosen at first ("").
  feeling: v.pipe(v.string(), v.picklist(FEELINGS, "Choose the word that fits best.")),
  comfort: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
  note: v.pipe(v.string(), v.maxLength(REFLECTION_NOTE_MAX, `Keep the note under ${REFLECTION_NOTE_MAX} characters.`)),
  shared: v.boolean(),
});
